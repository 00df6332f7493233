// An in-process run of cbr-mock-server (support/mock-cli-in-process.ts) sees all that a child process shows only
// if nothing under src/cli/ reaches the process itself: its streams, exit code and signals all come from main's
// MockCliIo. Only cli/process-io.ts, which builds the real process's MockCliIo, may name `process` (and the
// entry, src/cli.ts, which hands it the arguments and ends the process).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../src/cli', import.meta.url));
const ALLOWED = 'process-io.ts';

/** `process` as a name (`process.stdout`, `'node:process'`), not a part of one (`processIo`, `./process-io.js`). */
const PROCESS = /(?<![\w-])process(?![\w-])/;

/** The code of a TypeScript file without its comments (a comment may say "process"). */
const withoutComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

it('no file under src/cli/ but process-io.ts names `process` (global, node:process or globalThis.process)', () => {
  const files = readdirSync(CLI, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  expect(files).toEqual(expect.arrayContaining([ALLOWED, 'main.ts']));
  const offenders = files
    .filter((file) => file !== ALLOWED)
    .filter((file) => PROCESS.test(withoutComments(readFileSync(join(CLI, file), 'utf8'))));
  expect(offenders).toEqual([]);
  expect(readFileSync(join(CLI, ALLOWED), 'utf8')).toMatch(/process\.stdout/);
});
