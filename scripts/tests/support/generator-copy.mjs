// A temporary git copy in which `npm run generate` and `npm run generator:upgrade` run as they do in this
// repository: what they read (scripts/lib/drift.mjs) and the generated code as this working tree has it, committed,
// so that git status in the copy shows what a run changed. node_modules is linked; the pinned generator jar and its
// extracted stock templates are shared, and the templates with the overrides applied are written in the copy.
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATOR_INPUTS } from '../../lib/drift.mjs';
import { generatorConfig } from '../../lib/generator-jar.mjs';
import { tempRepo } from './temp-repo.mjs';

/** The copy, as {@link tempRepo} returns it. The jar folder is git-ignored there, as it is here. */
export function generatorCopy() {
  const { version, jarDir, jarPath } = generatorConfig();
  const repo = tempRepo(GENERATOR_INPUTS, { link: ['node_modules'] });
  mkdirSync(repo.path('.openapi-generator-jar'));
  symlinkSync(jarPath, repo.path(`.openapi-generator-jar/${version}.jar`));
  if (existsSync(join(jarDir, 'stock-templates'))) {
    symlinkSync(join(jarDir, 'stock-templates'), repo.path('.openapi-generator-jar/stock-templates'));
  }
  return repo;
}
