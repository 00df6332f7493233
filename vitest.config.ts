import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import LongestFirstSequencer from './test-support/sequencer.js';

// One run over every package's tests and the tooling's (`npm test`); each package also runs its own with
// `vitest run`.
export default defineConfig({
  test: {
    projects: ['packages/*', 'scripts'],
    // One worker per core (vitest's default is one fewer: a single worker on a 2-core machine, every file in
    // turn, so a slow tooling file holds up all the rest). Not more: on a loaded 2-core machine, 3 workers made
    // tests with 100 ms timeouts and fresh Node processes time out.
    maxWorkers: Math.max(2, availableParallelism()),
    // Longest files first, whatever their project (test-support/sequencer.ts says why).
    sequence: { sequencer: LongestFirstSequencer },
  },
});
