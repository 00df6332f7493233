#!/usr/bin/env node
// The `cbr-mock-server` command's entry: committed, not built, so that npm links the bin even in a fresh
// clone of the repository, where dist/ does not exist until the first build. It runs the built command.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// node_modules/.bin/cbr-mock-server links here; a runtime may not resolve the link for us.
const cli = join(dirname(realpathSync(fileURLToPath(import.meta.url))), '..', 'dist', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write(
    'cbr-mock-server: the command is not built yet (dist/cli.js is missing).\n' +
      'In a clone of the repository, run `npm run build` (at its root) once, then try again.\n',
  );
  process.exit(1);
}
await import(pathToFileURL(cli).href);
