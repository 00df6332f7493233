import { defineConfig } from 'vitest/config';

// The tests run the built cbr (bin/cbr.cjs and dist/main.cjs): run `npm run build` first.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // One module graph per worker, not one per file: a fresh graph (vitest's default) loads the built cbr and
    // the SDK again for each file, which doubled the project's CPU (31 CPU-s, 16 with this). An in-process run
    // leaves nothing behind (runCbrInProcess fails a run that calls exit or keeps a signal handler).
    isolate: false,
    // An in-process run's client picks its transport from the test process's own proxy variables (the SDK
    // reads them there); blank, as in a child's environment (cbr-process.ts baseEnv), so every request goes
    // straight to the mock on 127.0.0.1, never to a proxy.
    env: { HTTPS_PROXY: '', https_proxy: '', HTTP_PROXY: '', http_proxy: '' },
  },
});
