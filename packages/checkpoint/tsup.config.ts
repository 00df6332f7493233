import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { libraryBuild, withBrowserBuild } from '../../tsup.base.js';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig(
  withBrowserBuild({
    ...libraryBuild,
    external: ['axios', '@cbr-sdk/checkpoint-api'],
    // SDK_VERSION (User-Agent) is the package's version at build time.
    define: { __SDK_VERSION__: JSON.stringify(version) },
  }),
);
