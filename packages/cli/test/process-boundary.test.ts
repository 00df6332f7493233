// An in-process run (support/cbr-in-process.ts) sees all that a child process shows only if nothing under src/
// reaches the process itself: its streams, environment, exit code and signals all come from main's CliIo.
// Only io/process-io.ts, which builds the real process's CliIo, may name `process`; no file writes with `console`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { reachingTheProcess, sourceFiles } from '../../../test-support/process-boundary.js';

const SRC = fileURLToPath(new URL('../src', import.meta.url));
const ALLOWED = 'io/process-io.ts';

it('no file under src/ but io/process-io.ts names `process` (global, node:process or globalThis.process), none uses console', () => {
  expect(sourceFiles(SRC)).toContain(ALLOWED);
  expect(reachingTheProcess(SRC, [ALLOWED])).toEqual([]);
  expect(readFileSync(join(SRC, ALLOWED), 'utf8')).toMatch(/process\.stdout/);
});
