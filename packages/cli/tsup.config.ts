import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// A command, not a library: for Node only, no declarations. CommonJS, because it starts faster: no ES module
// loader for `cbr --version`, and the SDK's CommonJS build (one file per package) loads faster than its ESM
// one. Code splitting keeps each command in its own chunk, loaded by the program only when that command runs,
// so `--version` and `--help` load commander and nothing else (no SDK, no spinner). Dependencies stay external
// (installed beside the package); yocto-spinner, ESM only, is loaded with import() where a live line is drawn.
export default defineConfig({
  entry: { main: 'src/main.ts' },
  format: ['cjs'],
  platform: 'node',
  target: 'node20',
  dts: false,
  clean: true,
  sourcemap: false,
  splitting: true,
  treeshake: true,
  define: { __CLI_VERSION__: JSON.stringify(version) },
});
