// An in-process run (support/cbr-in-process.ts) sees all that a child process shows only if nothing under src/
// reaches the process itself: its streams, environment, exit code and signals all come from main's CliIo.
// Only io/process-io.ts, which builds the real process's CliIo, may name `process`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));
const ALLOWED = 'io/process-io.ts';

/** `process` as a name (`process.env`, `'node:process'`), not a part of one (`processIo`, `./io/process-io.js`). */
const PROCESS = /(?<![\w-])process(?![\w-])/;

/** The code of a TypeScript file without its comments (a comment may say "process"). */
const withoutComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

it('no file under src/ but io/process-io.ts names `process` (global, node:process or globalThis.process)', () => {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  expect(files).toContain(ALLOWED);
  const offenders = files
    .filter((file) => file !== ALLOWED)
    .filter((file) => PROCESS.test(withoutComments(readFileSync(join(SRC, file), 'utf8'))))
    .map((file) => relative(SRC, join(SRC, file)));
  expect(offenders).toEqual([]);
  expect(readFileSync(join(SRC, ALLOWED), 'utf8')).toMatch(/process\.stdout/);
});
