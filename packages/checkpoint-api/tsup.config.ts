import { defineConfig } from 'tsup';
import { libraryBuild, withBrowserBuild } from '../../tsup.base.js';

// Two entry points: the CBR API (`.`) and the IAM routes it needs (`./iam`), each with its browser build.
export default defineConfig(
  withBrowserBuild({ ...libraryBuild, entry: ['src/index.ts', 'src/iam/index.ts'], external: ['axios'] }),
);
