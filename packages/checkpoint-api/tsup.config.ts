import { defineConfig } from 'tsup';
import { libraryBuild, withBrowserBuild } from '../../tsup.base.js';

// Three entry points: the CBR API (`.`), the IAM routes it needs (`./iam`) and the other sources of temporary
// keys (`./credential-sources`), each with its browser build.
export default defineConfig(
  withBrowserBuild({
    ...libraryBuild,
    entry: ['src/index.ts', 'src/iam/index.ts', 'src/credential-sources/index.ts'],
    external: ['axios'],
  }),
);
