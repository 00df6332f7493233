import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// ESM and CJS from one source, each with its own declarations. The generated API package and axios stay
// external: users share one copy of each.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  external: ['axios', '@cbr-sdk/checkpoint-api'],
  define: { __SDK_VERSION__: JSON.stringify(version) },
  sourcemap: false,
  splitting: false,
  treeshake: true,
});
