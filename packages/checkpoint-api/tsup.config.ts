import { defineConfig } from 'tsup';

// ESM and CJS from one source, each with its own declarations (index.d.ts / index.d.cts), so both
// `import` and `require` get types that match the module system they load.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  external: ['axios'],
  sourcemap: false,
  splitting: false,
  treeshake: true,
});
