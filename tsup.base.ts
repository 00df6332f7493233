import type { Options } from 'tsup';

/**
 * The build every published package shares: ESM and CJS from one source, each with its own declarations
 * (index.d.ts / index.d.cts, so `import` and `require` get types for the module system they load), no
 * source maps, dependencies left external (users share one copy of each).
 */
export const libraryBuild = {
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  sourcemap: false,
  splitting: false,
  treeshake: true,
  esbuildOptions(options, { format }) {
    // What is loaded lazily (`import('axios')`) stays lazy in both builds; in the CommonJS one it becomes a
    // lazy `require`, so a CommonJS program gets the same axios, and the same global defaults, as its own
    // `require('axios')` (not a second copy from axios's ESM build).
    if (format === 'cjs') options.supported = { ...options.supported, 'dynamic-import': false };
  },
} satisfies Options;
