// An in-process run of cbr-mock-server (support/mock-cli-in-process.ts) sees all that a child process shows only
// if nothing it runs (the command under src/cli/, and the mock itself under src/) reaches the process: its
// streams, exit code and signals all come from main's MockCliIo. Only cli/process-io.ts, which builds the real
// process's MockCliIo, may name `process`; and the entry, src/cli.ts, which hands it the arguments and ends the
// process; and store.ts, for the clock it reads (process.hrtime). No file writes with `console`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { reachingTheProcess, sourceFiles } from '../../../test-support/process-boundary.js';

const SRC = fileURLToPath(new URL('../src', import.meta.url));
const PROCESS_IO = 'cli/process-io.ts';
const ALLOWED = [PROCESS_IO, 'cli.ts', 'store.ts'];

it('no file under src/ but the process io, the entry and the clock names `process`, none uses console', () => {
  expect(sourceFiles(SRC)).toEqual(expect.arrayContaining([...ALLOWED, 'cli/main.ts']));
  expect(reachingTheProcess(SRC, ALLOWED)).toEqual([]);
  expect(readFileSync(join(SRC, PROCESS_IO), 'utf8')).toMatch(/process\.stdout/);
});
