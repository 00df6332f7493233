// The seed page (Huawei's "Creating a Restore Point", kept in openapi/seed/) and the spec, read as tests need
// them. The spec's examples must be the seed page's examples, byte for byte once parsed.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const repoFile = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

const seedText = readFileSync(repoFile('openapi/seed/create-restore-point.txt'), 'utf8');
const exampleRequestLine = /^POST https:\/\/\{endpoint\}(\/v3\/(\w+)\/checkpoints) (\{.*\})$/m.exec(seedText);
const exampleResponseLine =
  /^Status code: 200\nThe checkpoint information returned after performing the backup\n(\{.*\})$/m.exec(seedText);
if (!exampleRequestLine || !exampleResponseLine) throw new Error('the seed page no longer holds its examples');

export const seed = {
  requestPath: exampleRequestLine[1] as string,
  projectId: exampleRequestLine[2] as string,
  request: JSON.parse(exampleRequestLine[3] as string) as { checkpoint: Record<string, unknown> },
  response: JSON.parse(exampleResponseLine[1] as string) as { checkpoint: Record<string, unknown> },
};

// biome-ignore lint/suspicious/noExplicitAny: the spec is free-form YAML; tests walk it by known paths.
export const spec: any = YAML.parse(readFileSync(repoFile('openapi/cbr-checkpoint.yaml'), 'utf8'));
