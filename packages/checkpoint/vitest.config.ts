import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One module graph per worker, not one per file: a fresh graph (vitest's default) costs each file about
    // 0.5 CPU-s of imports again. The tests leave no global state behind (process.env is restored by the two
    // that change it), so nothing is lost.
    isolate: false,
    // No test may reach the metadata service's link-local address: a client left without credentials (the
    // default chain) asks a closed local port instead.
    env: { HUAWEICLOUD_SDK_METADATA_ENDPOINT: 'http://127.0.0.1:9' },
  },
});
