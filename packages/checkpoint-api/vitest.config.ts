import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One module graph per worker, not one per file: a fresh graph (vitest's default) costs each file about
    // 0.5 CPU-s of imports again. The tests leave no global state behind, so nothing is lost.
    isolate: false,
    // Type tests (*.test-d.ts): checked by tsc as part of the run, a failed expectation is a failed test.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
