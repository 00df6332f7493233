#!/usr/bin/env node
// `npm run generator:upgrade -- <version>`: moves the generated client to another openapi-generator version.
//  1. fetches that version's jar and extracts its stock typescript-axios templates;
//  2. re-applies the template overrides (packages/checkpoint-api/templates/*.patch) to them; one that no longer
//     applies stops everything here, naming the template and the hunk, with the pin unchanged;
//  3. rewrites the patches against the new stock templates (fresh line numbers and context) and pins the
//     version in openapitools.json;
//  4. regenerates (`npm run generate`); when anything changed, regenerates once more to check the output is stable
//     (what the drift check will see once it is committed); lists what changed, for review;
//  5. builds and runs the tests (`--skip-tests` to leave that for later).
// The same version again is a no-op that must leave the tree unchanged (a test does exactly that).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureGeneratorJar, generatorConfig, openapitoolsPath, repoRoot } from './lib/generator-jar.mjs';
import { run } from './lib/process.mjs';
import { generatedDirs } from './lib/spec.mjs';
import { applyOverrides, diffTemplate, overriddenTemplates, patchesDir, stockDir } from './lib/template-overrides.mjs';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { 'skip-tests': { type: 'boolean' } } });
const [version] = positionals;
const fail = (message) => {
  console.error(`generator:upgrade: ${message}`);
  process.exit(1);
};
if (!version || !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(version))
  fail('usage: npm run generator:upgrade -- <version, e.g. 7.26.0>');

const step = (title) => console.log(`\n▶ ${title}`);
const node = (script, args = []) => {
  const result = run(process.execPath, [script, ...args], { cwd: repoRoot, timeoutMs: 1_800_000 });
  process.stdout.write(result.out);
  return result.ok;
};
/** The generated files and the recipe, as git sees them: what the upgrade changed. */
const changedFiles = () =>
  run(
    'git',
    [
      'status',
      '--porcelain',
      '--untracked-files=all',
      '--',
      ...generatedDirs,
      'openapitools.json',
      'packages/checkpoint-api/templates',
    ],
    {
      cwd: repoRoot,
    },
  )
    .stdout.split('\n')
    .filter(Boolean);
const fingerprint = () =>
  run('git', ['diff', '--no-ext-diff', '--binary', 'HEAD', '--', ...generatedDirs], { cwd: repoRoot }).stdout +
  run('git', ['ls-files', '--others', '--exclude-standard', '--', ...generatedDirs], { cwd: repoRoot }).stdout;

const from = generatorConfig().version;
step(`openapi-generator ${from} → ${version}: the jar and its stock templates`);
let jarPath;
try {
  ({ jarPath } = ensureGeneratorJar({ version }));
  console.log(`  ${jarPath}\n  stock templates: ${stockDir(version, jarPath)}`);
} catch (error) {
  fail(error.message);
}

step(`re-applying the template overrides (${overriddenTemplates().join(', ')})`);
const scratch = mkdtempSync(join(tmpdir(), 'generator-upgrade-'));
try {
  applyOverrides({ version, jarPath, outDir: scratch });
  const stock = stockDir(version, jarPath);
  for (const name of overriddenTemplates()) {
    const patch = diffTemplate(
      name,
      readFileSync(join(stock, name), 'utf8'),
      readFileSync(join(scratch, name), 'utf8'),
    );
    const patchPath = join(patchesDir, `${name}.patch`);
    const same = readFileSync(patchPath, 'utf8') === patch;
    if (!same) writeFileSync(patchPath, patch);
    console.log(`  ${name}: applies${same ? '' : ' (patch rewritten against the new stock template)'}`);
  }
} catch (error) {
  console.error(`\n${error.message}`);
  fail(
    `the pin stays at ${from}. Compare the stock templates of ${version} with the override (npm run templates -- unpack ` +
      'shows the current one whole), carry the change over, and run the upgrade again.',
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (from !== version) {
  const text = readFileSync(openapitoolsPath, 'utf8');
  writeFileSync(openapitoolsPath, text.replace(`"version": "${from}"`, `"version": "${version}"`));
  console.log(`  openapitools.json: version ${version}`);
}

step('regenerating (npm run generate)');
if (!node('scripts/generate.mjs')) fail('npm run generate failed (above).');
let changed = changedFiles();
// Nothing changed (the pin, the patches and the output are as committed): this generation gave what an earlier
// one gave from the same inputs, and the drift check regenerates it on every run; a second run would prove
// nothing more. Anything changed: once more, and the second run must change nothing.
if (changed.length > 0) {
  step('regenerating once more: the second run must change nothing');
  const first = fingerprint();
  if (!node('scripts/generate.mjs')) fail('npm run generate failed (above).');
  if (fingerprint() !== first)
    fail('a second generation gave another output: the generator is not deterministic here.');
  changed = changedFiles();
}
console.log(
  changed.length === 0
    ? '\n  nothing changed: the generated code, the patches and the pin are as committed.'
    : `\n  changed by the upgrade (review them; README "Upgrading the generator"):\n${changed.map((l) => `    ${l}`).join('\n')}`,
);

if (values['skip-tests']) {
  console.log('\ngenerator:upgrade: done (tests skipped: run `npm test`).');
  process.exit(0);
}
step('build and tests (npm test, without the drift check and the generator:upgrade tests: it has just regenerated)');
if (!node('scripts/test.mjs', ['--skip-drift-check']))
  fail('the tests failed (above): fix or revert before committing.');
console.log(`\ngenerator:upgrade: openapi-generator ${version}; review the changes above, then commit them together.`);
