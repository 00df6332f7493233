// The hand-written specs, the one source every generated file comes from, and where each one's output goes.
// All land in @cbr-sdk/checkpoint-api: the CBR API at its root, IAM's routes under `./iam`, and the services off
// IAM that hand out temporary keys (ECS metadata, CCE pod identity) under `./credential-sources`.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import YAML from 'yaml';
import { repoRoot } from './generator-jar.mjs';

export const checkpointApiDir = join(repoRoot, 'packages', 'checkpoint-api');

/**
 * One generated API per spec: `generatorKey` names its recipe in openapitools.json, `clientDir` receives
 * openapi-generator's output and `schemaDir` the validators and constants compiled from the same spec.
 */
export const GENERATED_APIS = [
  {
    generatorKey: 'checkpoint-api',
    specPath: join(repoRoot, 'openapi', 'cbr-checkpoint.yaml'),
    clientDir: join(checkpointApiDir, 'src', 'client'),
    schemaDir: join(checkpointApiDir, 'src', 'schema'),
    constants: 'cbr',
  },
  {
    generatorKey: 'iam-api',
    specPath: join(repoRoot, 'openapi', 'iam.yaml'),
    clientDir: join(checkpointApiDir, 'src', 'iam', 'client'),
    schemaDir: join(checkpointApiDir, 'src', 'iam', 'schema'),
    constants: 'iam',
  },
  {
    generatorKey: 'credential-sources-api',
    specPath: join(repoRoot, 'openapi', 'credential-sources.yaml'),
    clientDir: join(checkpointApiDir, 'src', 'credential-sources', 'client'),
    schemaDir: join(checkpointApiDir, 'src', 'credential-sources', 'schema'),
    constants: 'credentialSources',
  },
];

/** Every folder of generated code, relative to the repository (for the drift check). */
export const generatedDirs = GENERATED_APIS.flatMap(({ clientDir, schemaDir }) =>
  [clientDir, schemaDir].map((dir) => relative(repoRoot, dir)),
);

export function loadSpec(specPath) {
  return YAML.parse(readFileSync(specPath, 'utf8'));
}
