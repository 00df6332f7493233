#!/usr/bin/env node
// The one command after a spec edit: regenerates @cbr-sdk/checkpoint-api from the specs in openapi/
// (cbr-checkpoint.yaml into src/client and src/schema, iam.yaml into src/iam/…, credential-sources.yaml into
// src/credential-sources/…).
//  1. gets the pinned generator jar if it is missing (Maven, then the npm wrapper's download), and applies the
//     template overrides (packages/checkpoint-api/templates/*.patch) to its stock templates;
//  2. removes what the last run generated, so a schema taken out of a spec leaves no file behind;
//  3. runs openapi-generator (typescript-axios, the recipes in openapitools.json) on every spec, in one JVM;
//  4. compiles each spec's schemas into validators and constants;
//  5. formats the output, so the tree is ready to commit.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureGeneratorJar, javaMajorVersion, repoRoot } from './lib/generator-jar.mjs';
import { runRecipes } from './lib/generator-recipes.mjs';
import { schemaModuleFiles } from './lib/schema-module.mjs';
import { GENERATED_APIS, loadSpec } from './lib/spec.mjs';
import { appliedDir, applyOverrides } from './lib/template-overrides.mjs';

const bin = (name) => join(repoRoot, 'node_modules', '.bin', name);

function removePreviousOutput({ clientDir, schemaDir }) {
  const manifest = join(clientDir, '.openapi-generator', 'FILES');
  if (existsSync(manifest)) {
    for (const file of readFileSync(manifest, 'utf8').split('\n').filter(Boolean)) {
      rmSync(join(clientDir, file), { force: true });
    }
  }
  rmSync(join(clientDir, '.openapi-generator'), { recursive: true, force: true });
  rmSync(schemaDir, { recursive: true, force: true });
}

function runOpenApiGenerator(jarPath) {
  const result = runRecipes(
    jarPath,
    GENERATED_APIS.map(({ generatorKey }) => generatorKey),
  );
  if (!result.ok) {
    process.stderr.write(result.out);
    throw new Error('openapi-generator failed (its output is above).');
  }
  // The specs and the recipe give no warning (the open enums' inline members were one, with the normalizer on;
  // inline media-type examples another, which is why they live in components/examples): a new one is news.
  for (const line of result.out.split('\n').filter((l) => /\bWARN\b/.test(l))) {
    console.error(`  generator: ${line.replace(/^.*?\bWARN\b\s*/, 'WARN ')}`);
  }
}

function writeSchemaModule(api) {
  mkdirSync(api.schemaDir, { recursive: true });
  for (const [name, text] of Object.entries(schemaModuleFiles(loadSpec(api.specPath), api))) {
    writeFileSync(join(api.schemaDir, name), text);
  }
}

function format() {
  const dirs = GENERATED_APIS.flatMap(({ clientDir, schemaDir }) => [clientDir, schemaDir]);
  const result = spawnSync(bin('biome'), ['format', '--write', ...dirs], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error('biome format failed on the generated code.');
  }
}

// In the build graph (turbo's `generate` task) a machine without Java builds from the committed code
// instead of failing; CI and `npm run generate` itself always regenerate.
const unlessNoJava = process.argv.includes('--unless-no-java');
if (unlessNoJava && process.env.CI !== 'true') {
  const java = javaMajorVersion();
  if (java === undefined || java < 11) {
    console.warn(
      'generate: skipped, Java 11+ is not installed; building from the generated code committed in the repository.',
    );
    process.exit(0);
  }
}

try {
  const started = Date.now();
  const { version, jarPath } = ensureGeneratorJar();
  applyOverrides({ version, jarPath, outDir: appliedDir() });
  for (const api of GENERATED_APIS) removePreviousOutput(api);
  runOpenApiGenerator(jarPath);
  for (const api of GENERATED_APIS) writeSchemaModule(api);
  format();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  for (const { specPath, clientDir, schemaDir } of GENERATED_APIS) {
    console.log(
      `Generated ${relative(repoRoot, clientDir)} and ${relative(repoRoot, schemaDir)} from ${relative(repoRoot, specPath)}.`,
    );
  }
  console.log(`openapi-generator ${version}, ${seconds}s.`);
} catch (error) {
  console.error(`npm run generate: ${error.message}`);
  process.exit(1);
}
