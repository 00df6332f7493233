import { defineConfig } from 'vitest/config';

// The tests of the repository's own tooling (check:compat, the API reports, package metadata, the generator
// upgrade), each on a temporary copy of the files it needs. `npm test` runs them with every package's tests.
export default defineConfig({
  test: {
    name: 'scripts',
    include: ['tests/**/*.test.mjs'],
    // Building oasdiff on a fresh machine (once) and running the generator take minutes, not seconds.
    testTimeout: 300_000,
    hookTimeout: 900_000,
  },
});
