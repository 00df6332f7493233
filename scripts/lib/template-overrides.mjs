// The template overrides of the generated client, kept as patches on the stock typescript-axios templates of the
// pinned generator (packages/checkpoint-api/templates/<template>.patch), so that a generator upgrade re-applies
// them mechanically and stops, naming the template and the hunk, where the stock template changed under one.
//   stock:   extracted from the generator jar (`author template`), cached per version beside the jar;
//   applied: stock + patches, written where openapitools.json's templateDir points, before each generation.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatorConfig, repoRoot } from './generator-jar.mjs';
import { run } from './process.mjs';
import { checkpointApiDir } from './spec.mjs';

export const GENERATOR_NAME = 'typescript-axios';
/** The patches: the only hand-kept form of the overrides. */
export const patchesDir = join(checkpointApiDir, 'templates');
/** Where `npm run templates -- unpack` puts whole templates to edit (git-ignored), and `pack` reads them. */
export const unpackedDir = join(patchesDir, 'unpacked');

const patchFiles = () =>
  existsSync(patchesDir)
    ? readdirSync(patchesDir)
        .filter((name) => name.endsWith('.mustache.patch'))
        .sort()
    : [];
export const overriddenTemplates = () => patchFiles().map((name) => name.replace(/\.patch$/, ''));

/** The folder the generator reads templates from (openapitools.json's templateDir, the same for every API). */
export function appliedDir() {
  const config = JSON.parse(readFileSync(join(repoRoot, 'openapitools.json'), 'utf8'))['generator-cli'];
  const dirs = new Set(Object.values(config.generators).map((g) => g.templateDir));
  if (dirs.size !== 1) throw new Error('openapitools.json: every generator must use the same templateDir');
  return [...dirs][0].replace('#{cwd}', repoRoot);
}

/** The stock templates of a generator version (extracted once from its jar). */
export function stockDir(version, jarPath) {
  const { jarDir } = generatorConfig();
  const dir = join(jarDir, 'stock-templates', version, GENERATOR_NAME);
  if (existsSync(join(dir, 'common.mustache'))) return dir;
  const staging = mkdtempSync(join(tmpdir(), 'stock-templates-'));
  try {
    const result = spawnSync('java', ['-jar', jarPath, 'author', 'template', '-g', GENERATOR_NAME, '-o', staging], {
      encoding: 'utf8',
    });
    if (result.status !== 0 || !existsSync(join(staging, 'common.mustache'))) {
      throw new Error(
        `could not extract the stock ${GENERATOR_NAME} templates of ${version}:\n${result.stdout}${result.stderr}`,
      );
    }
    mkdirSync(dir, { recursive: true });
    cpSync(staging, dir, { recursive: true });
    return dir;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** A patch that turns `stockText` into `ourText`, with headers naming only the template. Empty when equal. */
export function diffTemplate(name, stockText, ourText) {
  const dir = mkdtempSync(join(tmpdir(), 'template-diff-'));
  try {
    writeFileSync(join(dir, 'stock'), stockText);
    writeFileSync(join(dir, 'ours'), ourText);
    const result = run('git', ['diff', '--no-index', '--no-color', '--no-ext-diff', '-U3', 'stock', 'ours'], {
      cwd: dir,
    });
    if (result.status === 0) return '';
    if (result.status !== 1) throw new Error(`git diff failed: ${result.out}`);
    const body = result.stdout.slice(result.stdout.indexOf('\n@@'));
    return `--- a/${name}\n+++ b/${name}${body}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The hunk header and first changed line of the hunk of `patch` that starts at `line` of the stock template. */
function describeHunk(patch, line) {
  const hunks = patch.split(/\n(?=@@ )/).slice(1);
  const hunk = hunks.find((h) => Number(/^@@ -(\d+)/.exec(h)?.[1]) === line) ?? hunks[0] ?? '';
  const [header, ...body] = hunk.split('\n');
  const changed = body.find((l) => /^[-+]/.test(l)) ?? '';
  return `${header}${changed ? `\n      first change: ${changed.trim()}` : ''}`;
}

/**
 * Writes the overridden templates (stock + patch) into `outDir` (emptied first); the generator takes the others
 * from its jar. Throws, naming each template and hunk that no longer applies.
 */
export function applyOverrides({ version, jarPath, outDir }) {
  const stock = stockDir(version, jarPath);
  const work = mkdtempSync(join(tmpdir(), 'template-apply-'));
  try {
    const conflicts = [];
    for (const patchName of patchFiles()) {
      const template = patchName.replace(/\.patch$/, '');
      if (!existsSync(join(stock, template))) {
        conflicts.push(`${template}: openapi-generator ${version} has no such stock template (renamed or removed?)`);
        continue;
      }
      cpSync(join(stock, template), join(work, template));
      const patch = readFileSync(join(patchesDir, patchName), 'utf8');
      const result = run('git', ['apply', '--verbose', '--whitespace=nowarn', join(patchesDir, patchName)], {
        cwd: work,
      });
      if (!result.ok) {
        const failed = [...result.out.matchAll(/patch failed: [^:\n]+:(\d+)/g)].map((m) => Number(m[1]));
        const hunks = (failed.length > 0 ? failed : [0]).map((line) => `    hunk ${describeHunk(patch, line)}`);
        conflicts.push(
          `${template}: the override (templates/${patchName}) no longer applies to the stock template of ` +
            `openapi-generator ${version}:\n${hunks.join('\n')}`,
        );
      }
    }
    if (conflicts.length > 0) {
      const error = new Error(`template overrides do not apply:\n  ${conflicts.join('\n  ')}`);
      error.conflicts = conflicts;
      throw error;
    }
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    for (const template of overriddenTemplates()) cpSync(join(work, template), join(outDir, template));
    return { stock, templates: overriddenTemplates() };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
