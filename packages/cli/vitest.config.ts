import { defineConfig } from 'vitest/config';

// The tests spawn the built bin (bin/cbr.mjs → dist/): run `npm run build` first.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
