// Reading the hand-written spec: the one source every generated file comes from.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { repoRoot } from './generator-jar.mjs';

export const specPath = join(repoRoot, 'openapi', 'cbr-checkpoint.yaml');
export const checkpointApiDir = join(repoRoot, 'packages', 'checkpoint-api');
/** Output of openapi-generator (typescript-axios). */
export const clientDir = join(checkpointApiDir, 'src', 'client');
/** Output of scripts/lib/schema-module.mjs (validators and constants compiled from the spec). */
export const schemaDir = join(checkpointApiDir, 'src', 'schema');

export function loadSpec() {
  return YAML.parse(readFileSync(specPath, 'utf8'));
}
