// API Extractor and the TypeScript it bundles, loaded on first use (and with require: an `import` of
// typescript.js makes Node scan all 9 MB of it for its module format and its exports, each time). Loading API
// Extractor costs about 2 CPU-s, which a check of a bin-only package alone (`--package cli`) skips.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let loaded;
let typescript;

/**
 * The TypeScript API Extractor bundles (6.x), not the workspace's own: the reports are made with it, and the doc
 * comments of a bin-only package's sources are read with it too.
 */
export function extractorTypeScript() {
  typescript ??= createRequire(require.resolve('@microsoft/api-extractor'))('typescript');
  return typescript;
}

/** `{ Extractor, ExtractorConfig, CompilerState, ts }`: API Extractor's classes and its own TypeScript (6.x). */
export function apiExtractor() {
  if (!loaded) {
    const { Extractor, ExtractorConfig, CompilerState } = require('@microsoft/api-extractor');
    loaded = { Extractor, ExtractorConfig, CompilerState, ts: extractorTypeScript() };
  }
  return loaded;
}
