import { defineConfig, type Options } from 'tsup';
import { libraryBuild } from '../../tsup.base.js';

const node: Options = { ...libraryBuild, platform: 'node', external: ['@cbr-sdk/checkpoint-api'] };

// The library as every package builds it; the command as ESM only, since only `node dist/cli.js` (the bin)
// runs it. The shebang in src/cli.ts is kept by esbuild, and tsup marks the file executable.
export default defineConfig([
  // Both builds run at once: spare the command's output, which the second build rewrites anyway.
  { ...node, clean: ['!cli.js'] },
  { ...node, entry: ['src/cli.ts'], format: ['esm'], dts: false, clean: false },
]);
