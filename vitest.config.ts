import { defineConfig } from 'vitest/config';

// One run over every package's tests and the tooling's (`npm test`); each package also runs its own with
// `vitest run`.
export default defineConfig({
  test: {
    projects: ['packages/*', 'scripts'],
  },
});
