#!/usr/bin/env node
// Gets the pinned OpenAPI generator jar onto this machine (see scripts/lib/generator-jar.mjs).
// `npm run generate` does this itself; CI and `npm run setup` call it up front.
import { ensureGeneratorJar } from './lib/generator-jar.mjs';

try {
  const { version, jarPath } = ensureGeneratorJar();
  console.log(`OpenAPI generator ${version}: ${jarPath}`);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
