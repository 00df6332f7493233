// The generated code, with one generation (the openapi-generator JVM, most of the cost) read by two checks, in a
// temporary copy of what `npm run generate` reads and of this working tree's generated code
// (support/generator-copy.mjs):
// - the drift check: what the generation makes from the spec is the generated code of this working tree (as
//   `npm run check:generated -- --in-copy` compares it; a difference fails here with that command's message);
// - npm run generator:upgrade to the pinned version, which regenerates: a no-op that leaves the tree unchanged.
//   (The generation the drift check reads is the upgrade's own: it re-applies the template overrides and runs
//   `npm run generate` in the copy, as `check:generated` does.)
// Then an override that no longer applies stops the upgrade, naming the template and the hunk, with nothing
// changed, and a version that is not one is refused.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftVerdict, generatedDifferences } from '../lib/drift.mjs';
import { ensureGeneratorJar, generatorConfig, javaMajorVersion, repoRoot } from '../lib/generator-jar.mjs';
import { generatedDirs } from '../lib/spec.mjs';
import { generatorCopy } from './support/generator-copy.mjs';

const { version } = generatorConfig();
// CI always runs these (a missing Java fails there); elsewhere they need Java 11+. A missing jar is fetched (in
// beforeAll, as `npm run generate` does), so a fresh clone with Java runs them too.
const runs = process.env.CI === 'true' || (javaMajorVersion() ?? 0) >= 11;
if (!runs) {
  console.warn(
    'check:generated and generator:upgrade: SKIPPED, Java 11+ is missing, so the generated code could not be ' +
      'regenerated and compared. Install a JDK and run `npm test` again (CI always runs them).',
  );
}

const isGenerated = (path) => generatedDirs.some((dir) => path.startsWith(`${dir}/`));
/** The path a line of generatedDifferences() names (` M packages/…`, `?? packages/… (generated, …)`). */
const pathOf = (line) => line.slice(3).replace(/ \(.*\)$/, '');

describe.runIf(runs)('the generated code', () => {
  let repo;
  let noOp;
  let drift;
  beforeAll(() => {
    ensureGeneratorJar({ log: console.warn });
    repo = generatorCopy();
    noOp = upgrade(version, '--skip-tests');
    if (noOp.status === 0) drift = generatedDifferences(repoRoot, repo.dir);
  });
  afterAll(() => repo?.cleanup());
  const upgrade = (...args) => repo.node('scripts/generator-upgrade.mjs', args, { timeoutMs: 600_000 });
  /** The files of the copy that differ from its last commit (changed, deleted or new), sorted. */
  const changedFiles = () =>
    [
      ...repo.git('diff', '--name-only', 'HEAD').split('\n'),
      ...repo.git('ls-files', '--others', '--exclude-standard').split('\n'),
    ]
      .filter(Boolean)
      .sort();

  it('the drift check: the generated code of the working tree is what `npm run generate` makes of the spec', () => {
    expect(noOp.status, `check:generated: the generation failed:\n${noOp.out}`).toBe(0);
    expect(drift, driftVerdict(drift)).toEqual([]);
  });

  it(`generator:upgrade to the pinned version (${version}) is a no-op: the overrides apply, and the tree is unchanged`, () => {
    expect(noOp.status, noOp.out).toBe(0);
    for (const name of ['apiInner.mustache', 'common.mustache', 'modelOneOf.mustache']) {
      expect(noOp.out).toContain(`  ${name}: applies\n`);
    }
    // The patches, the pin and every other file are as committed.
    expect(changedFiles().filter((path) => !isGenerated(path))).toEqual([]);
    if (drift.length === 0) {
      expect(noOp.out).toContain('nothing changed: the generated code, the patches and the pin are as committed.');
      expect(changedFiles()).toEqual([]);
    } else {
      // The working tree's generated code is not what the spec gives (the drift check above fails, with its own
      // message): the upgrade regenerated exactly those files, and lists them for review.
      expect(changedFiles()).toEqual(drift.map(pathOf).sort());
      expect(noOp.out).toContain('changed by the upgrade');
      for (const path of changedFiles()) expect(noOp.out).toContain(path);
    }
  });

  it('stops on an override that no longer applies, naming the template and the hunk, and changes nothing', () => {
    // From the committed state (the no-op left it so, or the drift check has said why not).
    repo.git('reset', '--quiet', '--hard');
    repo.git('clean', '--quiet', '-d', '--force');
    const patchPath = 'packages/checkpoint-api/templates/common.mustache.patch';
    const patch = repo.read(patchPath);
    // As if the stock template had changed under the override: a context line of its first hunk differs.
    const context = ' export const setApiKeyToObject = async function';
    expect(patch).toContain(context);
    repo.write(patchPath, patch.replace(context, ' export const setApiKeyToObjectRenamed = async function'));
    repo.commit('a patch that does not apply');
    const before = readFileSync(repo.path('openapitools.json'), 'utf8');

    const result = upgrade(version, '--skip-tests');
    expect(result.status).toBe(1);
    expect(result.out).toContain(
      'common.mustache: the override (templates/common.mustache.patch) no longer applies to the stock template of ' +
        `openapi-generator ${version}`,
    );
    expect(result.out).toMatch(/hunk @@ -\d+,\d+ \+\d+,\d+ @@/);
    expect(result.out).toContain(`the pin stays at ${version}`);
    expect(readFileSync(repo.path('openapitools.json'), 'utf8')).toBe(before);
    expect(changedFiles()).toEqual([]);
  });

  it('refuses a version that is not one', () => {
    const result = upgrade('latest');
    expect(result.status).toBe(1);
    expect(result.out).toContain('usage: npm run generator:upgrade -- <version');
  });
});
