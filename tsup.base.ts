import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from 'esbuild';
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

/**
 * Turns every `import('axios')` of the sources into a static import. In Node, axios is imported lazily
 * because the default transport never needs it; in a browser every request needs it, and a bundler given a
 * dynamic import wraps each of axios's modules in a lazy initialiser (esbuild: +1.2 kB brotli) or splits it
 * into a chunk fetched by the first request. The browser build (below) is the same code with axios static.
 */
const staticAxiosImport: Plugin = {
  name: 'static-axios-import',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      if (!source.includes("import('axios')")) return undefined;
      return {
        loader: 'ts',
        contents: `import __staticAxios from 'axios';\n${source.replaceAll("import('axios')", 'Promise.resolve({ default: __staticAxios })')}`,
      };
    });
  },
};

/** In the browser build, `./name.js` is `./name.browser.ts` where such a file exists beside `./name.ts`. */
const browserVariants: Plugin = {
  name: 'browser-variants',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/.*\.js$/ }, ({ path, resolveDir }) => {
      const variant = join(resolveDir, path.replace(/\.js$/, '.browser.ts'));
      return existsSync(variant) ? { path: variant } : undefined;
    });
  },
};

/**
 * A package's builds with a browser build beside them: each entry (`src/<name>.ts`) also as ESM
 * `dist/<name>.browser.js`, with axios imported statically and `*.browser.ts` variants in place (see above),
 * for the `browser` condition of the package's exports map (bundlers targeting browsers pick it; Node, Bun
 * and Deno never do).
 */
export function withBrowserBuild(build: Options): Options[] {
  const entries = (build.entry ?? libraryBuild.entry) as string[];
  const browserEntries = Object.fromEntries(
    entries.map((file) => [file.replace(/^src\//, '').replace(/\.ts$/, '.browser'), file]),
  );
  return [
    // Both builds run at once: the first one's clean spares the second one's output.
    { ...build, clean: ['!**/*.browser.js'] },
    {
      ...build,
      entry: browserEntries,
      format: ['esm'],
      dts: false,
      clean: false,
      esbuildPlugins: [browserVariants, staticAxiosImport],
    },
  ];
}
