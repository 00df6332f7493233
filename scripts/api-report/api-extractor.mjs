// API Extractor and the TypeScript it bundles, loaded on first use: loading them costs about 2 CPU-s, which a
// check of a bin-only package alone (`--package cli`: its sources are read with the workspace's TypeScript) skips.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let loaded;

/** `{ Extractor, ExtractorConfig, CompilerState, ts }`: API Extractor's classes and its own TypeScript (6.x). */
export function apiExtractor() {
  if (!loaded) {
    const { Extractor, ExtractorConfig, CompilerState } = require('@microsoft/api-extractor');
    const ts = createRequire(require.resolve('@microsoft/api-extractor'))('typescript');
    loaded = { Extractor, ExtractorConfig, CompilerState, ts };
  }
  return loaded;
}
