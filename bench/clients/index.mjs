// The clients measured, in the order they are reported. Each module exports `label` and
// `create(context)`, which returns `send()`: one createCheckpoint call, resolving to the created checkpoint.
export const CLIENTS = [
  'node-http',
  'axios',
  'checkpoint-api',
  'cbr-token',
  'cbr-token-axios',
  'cbr-aksk',
  'huawei-core',
];
export const BASELINE = 'node-http';

export async function loadClient(name) {
  if (!CLIENTS.includes(name)) throw new Error(`unknown client ${name}; known: ${CLIENTS.join(', ')}`);
  return import(`./${name}.mjs`);
}
