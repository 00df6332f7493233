import { defineConfig } from 'vitest/config';

// The tests of the repository's own tooling (check:compat, the API reports, package metadata, the generator
// upgrade), each on a temporary copy of the files it needs. `npm test` runs them with every package's tests.
export default defineConfig({
  test: {
    name: 'scripts',
    include: ['tests/**/*.test.mjs'],
    // One module graph per worker, not one per file: TypeScript, API Extractor and the specs' parsers load once
    // (about 2-5 CPU-s less a run). No tooling test changes the process's directory or environment.
    isolate: false,
    // Building oasdiff on a fresh machine (once) and running the generator take minutes, not seconds.
    testTimeout: 300_000,
    hookTimeout: 900_000,
  },
});
