import { defineConfig } from 'tsup';

// The library as ESM and CJS, each with its own declarations (index.d.ts / index.d.cts), like
// @cbr-sdk/checkpoint-api; the command as ESM only, since only `node dist/cli.js` (the bin) runs it.
export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    // Both builds run at once: spare the command's output, which the second build rewrites anyway.
    clean: ['!cli.js'],
    target: 'es2022',
    platform: 'node',
    external: ['@cbr-sdk/checkpoint-api'],
    sourcemap: false,
    splitting: false,
    treeshake: true,
  },
  {
    // The shebang in src/cli.ts is kept by esbuild, and tsup marks the file executable.
    entry: ['src/cli.ts'],
    format: ['esm'],
    dts: false,
    clean: false,
    target: 'es2022',
    platform: 'node',
    external: ['@cbr-sdk/checkpoint-api'],
    sourcemap: false,
    splitting: false,
    treeshake: true,
  },
]);
