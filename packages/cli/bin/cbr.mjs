#!/usr/bin/env node
// The `cbr` command. Its code is built into dist/ (`npm run build`); this file is committed so that npm can
// link the bin even in a fresh clone where dist/ does not exist yet, and says what to do in that case.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    `cbr: ${fileURLToPath(entry)} is missing: the package is not built.\n` +
      'Run `npm run build` at the root of the repository (or `npm run build` in packages/cli), then try again.\n',
  );
  process.exit(2);
}
const { main } = await import(entry.href);
await main(process.argv.slice(2));
