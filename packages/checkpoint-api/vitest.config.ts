import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One module graph per worker, not one per file: a fresh graph (vitest's default) costs each file about
    // 0.5 CPU-s of imports again. The tests leave no global state behind, so nothing is lost.
    isolate: false,
    // Type tests (*.test-d.ts): checked by tsc as part of the run, a failed expectation is a failed test. Against
    // the built declarations (what users get), in a program of the type tests alone (about 110 files, not the
    // package's 440): vitest runs it after every other file, so it is the run's last seconds. The package's
    // sources and other tests are type-checked by `npm run typecheck` (CI runs it).
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.type-tests.json' },
  },
});
