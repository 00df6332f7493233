#!/usr/bin/env node
// The `cbr` command. Its code is built into dist/ (`npm run build`); this file is committed so that npm can
// link the bin even in a fresh clone where dist/ does not exist yet, and says what to do in that case.
// CommonJS on purpose: no ES module loader to start, so `cbr --version` stays within a few ms of `node -e 0`.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(__dirname, '..', 'dist', 'main.cjs');
if (!existsSync(entry)) {
  process.stderr.write(
    `cbr: ${entry} is missing: the package is not built.\n` +
      'Run `npm run build` at the root of the repository (or `npm run build` in packages/cli), then try again.\n',
  );
  process.exit(2);
}
require(entry).main(process.argv.slice(2));
