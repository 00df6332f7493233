import { defineConfig, type Options } from 'tsup';
import { libraryBuild } from '../../tsup.base.js';

const node: Options = { ...libraryBuild, platform: 'node', external: ['@cbr-sdk/checkpoint-api'] };

// The library as every package builds it; the command as ESM only, since only the bin runs it (the committed
// bin/cbr-mock-server.mjs imports dist/cli.js). The shebang in src/cli.ts is kept by esbuild, and tsup marks
// the file executable, so `node dist/cli.js` and `dist/cli.js` work too.
export default defineConfig([
  // Both builds run at once: spare the command's output, which the second build rewrites anyway.
  { ...node, clean: ['!cli.js'] },
  { ...node, entry: ['src/cli.ts'], format: ['esm'], dts: false, clean: false },
]);
