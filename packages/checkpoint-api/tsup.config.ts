import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.base.js';

// Two entry points: the CBR API (`.`) and the IAM routes it needs (`./iam`).
export default defineConfig({ ...libraryBuild, entry: ['src/index.ts', 'src/iam/index.ts'], external: ['axios'] });
