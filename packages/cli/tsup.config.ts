import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// A command, not a library: ESM for Node only, no declarations. Code splitting keeps each command in its own
// chunk, loaded by the program only when that command runs, so `cbr --version` and `cbr --help` load
// commander and nothing else (no SDK, no spinner). Dependencies stay external (installed beside the package).
export default defineConfig({
  entry: { main: 'src/main.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  dts: false,
  clean: true,
  sourcemap: false,
  splitting: true,
  treeshake: true,
  define: { __CLI_VERSION__: JSON.stringify(version) },
});
