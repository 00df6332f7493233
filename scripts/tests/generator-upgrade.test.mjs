// npm run generator:upgrade on a temporary copy of the generator's inputs and outputs: the pinned version again is
// a no-op that leaves the tree unchanged, and an override that no longer applies stops the upgrade, naming the
// template and the hunk, with nothing changed.
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatorConfig, javaMajorVersion } from '../lib/generator-jar.mjs';
import { tempRepo } from './support/temp-repo.mjs';

const { version, jarDir, jarPath } = generatorConfig();
const canRun = (javaMajorVersion() ?? 0) >= 11 && existsSync(jarPath);

describe.runIf(canRun || process.env.CI === 'true')('generator:upgrade', () => {
  let repo;
  beforeAll(() => {
    repo = tempRepo(
      [
        'package.json',
        'biome.json',
        'openapitools.json',
        'openapi',
        'scripts/generate.mjs',
        'scripts/generator-upgrade.mjs',
        'scripts/test.mjs',
        'scripts/lib',
        'packages/checkpoint-api/templates',
        'packages/checkpoint-api/src',
      ],
      { link: ['node_modules'] },
    );
    // The jar and the extracted stock templates are shared; the applied templates stay in the copy.
    mkdirSync(repo.path('.openapi-generator-jar'));
    symlinkSync(jarPath, repo.path(`.openapi-generator-jar/${version}.jar`));
    if (existsSync(join(jarDir, 'stock-templates'))) {
      symlinkSync(join(jarDir, 'stock-templates'), repo.path('.openapi-generator-jar/stock-templates'));
    }
    repo.write('.gitignore', `${repo.read('.gitignore')}.openapi-generator-jar/\n`);
    repo.commit('ignore the jar folder');
  });
  afterAll(() => repo?.cleanup());
  const upgrade = (...args) => repo.node('scripts/generator-upgrade.mjs', args, { timeoutMs: 600_000 });

  it(`to the pinned version (${version}) is a no-op: the overrides apply, and the tree is unchanged`, () => {
    const result = upgrade(version, '--skip-tests');
    expect(result.status, result.out).toBe(0);
    for (const name of ['apiInner.mustache', 'common.mustache', 'modelOneOf.mustache']) {
      expect(result.out).toContain(`  ${name}: applies\n`);
    }
    expect(result.out).toContain('nothing changed: the generated code, the patches and the pin are as committed.');
    expect(repo.git('status', '--porcelain', '--untracked-files=all')).toBe('');
  });

  it('stops on an override that no longer applies, naming the template and the hunk, and changes nothing', () => {
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
    expect(repo.git('status', '--porcelain', '--untracked-files=all')).toBe('');
  });

  it('refuses a version that is not one', () => {
    const result = upgrade('latest');
    expect(result.status).toBe(1);
    expect(result.out).toContain('usage: npm run generator:upgrade -- <version');
  });
});
