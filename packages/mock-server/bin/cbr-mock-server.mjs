#!/usr/bin/env node
// The `cbr-mock-server` command's entry: committed, not built, so that npm links the bin even in a fresh
// clone of the repository, where dist/ does not exist until the first build. It runs the built command.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write(
    'cbr-mock-server: the command is not built yet (dist/cli.js is missing).\n' +
      'In a clone of the repository, run `npm run build` (at its root) once, then try again.\n',
  );
  process.exit(1);
}
await import(cli.href);
