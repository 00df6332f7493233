// The drift check's comparison: the generated code of a tree against a regeneration of it (scripts/check-generated.mjs
// --in-copy, and the drift check among the tooling tests, scripts/tests/generated-code.test.mjs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generatedDirs } from './spec.mjs';

/** What `npm run generate` reads: a copy of these (with node_modules and the jar linked) regenerates as this tree. */
export const GENERATOR_INPUTS = [
  '.gitignore',
  'package.json',
  'biome.json',
  'openapitools.json',
  'openapi',
  'scripts',
  'packages/checkpoint-api/templates',
  'packages/checkpoint-api/src',
];

/** Every file under `dir`, relative to it (none when the folder does not exist). */
const filesUnder = (dir) =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)))
    : [];

/**
 * How the generated folders of `root` differ from those of `regenerated` (a tree regenerated from root's inputs),
 * one line a file, as `git status --porcelain` writes them: ` M` differs, `??` generated but not in root, ` D` in
 * root but no longer generated. Empty: no drift.
 */
export function generatedDifferences(root, regenerated) {
  const changed = [];
  for (const dir of generatedDirs) {
    const here = new Set(filesUnder(join(root, dir)));
    const made = new Set(filesUnder(join(regenerated, dir)));
    for (const file of made) {
      if (!here.has(file)) changed.push(`?? ${dir}/${file} (generated, not in the working tree)`);
      else if (!readFileSync(join(regenerated, dir, file)).equals(readFileSync(join(root, dir, file)))) {
        changed.push(` M ${dir}/${file}`);
      }
    }
    for (const file of here) if (!made.has(file)) changed.push(` D ${dir}/${file} (no longer generated)`);
  }
  return changed;
}

/** The drift check's verdict on `changed` (lines of {@link generatedDifferences} or of git status), as printed. */
export const driftVerdict = (changed) =>
  changed.length === 0
    ? 'check:generated: the committed generated code matches the spec.'
    : [
        'check:generated: the generated code differs from what is committed:',
        ...changed.map((line) => `  ${line}`),
        'Run `npm run generate` and commit the result (never edit these files by hand).',
      ].join('\n');
