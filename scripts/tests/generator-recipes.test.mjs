// The recipes of openapitools.json as openapi-generator's `batch` reads them: every setting a recipe uses arrives
// under the generator's own name, and one scripts/generate.mjs does not know is refused, not silently dropped
// (`batch` would take an unknown name for an additional property). That the output is the wrapper's, byte for
// byte, is the drift check's to prove (check:generated).
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../lib/generator-jar.mjs';
import { batchConfig, generatorRecipes } from '../lib/generator-recipes.mjs';

describe('generator recipes', () => {
  it('reads every recipe of openapitools.json, #{cwd} replaced by the repository root', () => {
    const recipes = generatorRecipes();
    expect(Object.keys(recipes)).toEqual(['checkpoint-api', 'iam-api', 'credential-sources-api']);
    expect(recipes['checkpoint-api'].inputSpec).toBe(`${repoRoot}/openapi/cbr-checkpoint.yaml`);
    expect(JSON.stringify(recipes)).not.toContain('#{cwd}');
  });

  it('names each setting as batch reads it', () => {
    const recipe = generatorRecipes()['iam-api'];
    expect(batchConfig('iam-api', recipe)).toEqual({
      generatorName: 'typescript-axios',
      inputSpec: recipe.inputSpec,
      outputDir: `${repoRoot}/packages/checkpoint-api/src/iam/client`,
      templateDir: `${repoRoot}/.openapi-generator-jar/applied-templates`,
      additionalProperties: recipe.additionalProperties,
      globalProperties: { skipFormModel: 'true' },
      openapiNormalizer: { DISABLE_ALL: 'true' },
    });
  });

  it('refuses a setting it would not pass on', () => {
    const recipe = { ...generatorRecipes()['iam-api'], skipValidateSpec: true };
    expect(() => batchConfig('iam-api', recipe)).toThrow(
      'openapitools.json: generator iam-api: "skipValidateSpec" is not a setting scripts/generate.mjs passes on',
    );
  });
});
