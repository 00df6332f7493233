import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One run over every package's tests and the tooling's (`npm test`); each package also runs its own with
// `vitest run`.
export default defineConfig({
  test: {
    projects: ['packages/*', 'scripts'],
    // Much of the test time is waiting (servers, child processes, the generator, timers), not CPU: one worker
    // more than the cores (vitest's default is one fewer: a single worker on a 2-core machine, every file in
    // turn). Not more: tests with 100 ms timeouts must still get the CPU in time.
    maxWorkers: availableParallelism() + 1,
  },
});
