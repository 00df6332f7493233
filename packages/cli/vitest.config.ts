import { defineConfig } from 'vitest/config';

// The tests spawn the built bin (bin/cbr.mjs → dist/): run `npm run build` first.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // No test may reach the metadata service's link-local address: a `cbr` without credentials (the default
    // chain) asks a closed local port instead; the spawned processes inherit it.
    env: { HUAWEICLOUD_SDK_METADATA_ENDPOINT: 'http://127.0.0.1:9' },
    testTimeout: 30_000,
  },
});
