// Small file helpers for the repository's scripts.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** Writes `text`, creating the folders on the way. */
export function write(file, text) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

export const writeJson = (file, value) => write(file, `${JSON.stringify(value, null, 2)}\n`);
