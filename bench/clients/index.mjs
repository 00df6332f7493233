import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// The clients measured, in the order they are reported. Each module exports `label` and
// `create(context)`, which returns `send()`: one createCheckpoint call, resolving to the created checkpoint.
export const CLIENTS = [
  'node-http',
  'axios',
  'checkpoint-api',
  'cbr-token',
  'cbr-token-axios',
  'cbr-password',
  'cbr-aksk',
  'cbr-provider',
  'huawei-core',
];
export const BASELINE = 'node-http';

/** A client by its id, or by the path of a module of the same shape (a variant under test, bench/compare.mjs). */
export async function loadClient(name) {
  if (CLIENTS.includes(name)) return import(`./${name}.mjs`);
  if (isClientModulePath(name)) return import(pathToFileURL(resolve(name)).href);
  throw new Error(`unknown client ${name}; known: ${CLIENTS.join(', ')}, or the path of a .mjs/.js client module`);
}

export const isClientModulePath = (name) => /\.m?js$/.test(name);
