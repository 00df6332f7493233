import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // No test may reach the metadata service's link-local address: a client left without credentials (the
    // default chain) asks a closed local port instead.
    env: { HUAWEICLOUD_SDK_METADATA_ENDPOINT: 'http://127.0.0.1:9' },
  },
});
