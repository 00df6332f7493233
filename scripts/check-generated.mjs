#!/usr/bin/env node
// Drift check: regenerates from the spec and fails when the result differs from what is committed.
//   --in-copy  regenerates into a temporary copy and compares it with this working tree, which it
//              leaves alone. `npm test` makes the same comparison (scripts/lib/drift.mjs) as one of the
//              tooling tests, on the generation its generator:upgrade test makes anyway
//              (scripts/tests/generated-code.test.mjs).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { driftVerdict, GENERATOR_INPUTS, generatedDifferences } from './lib/drift.mjs';
import { generatorConfig, repoRoot } from './lib/generator-jar.mjs';
import { generatedDirs } from './lib/spec.mjs';

const report = (changed) => {
  if (changed.length > 0) {
    console.error(driftVerdict(changed));
    process.exit(1);
  }
  console.log(driftVerdict(changed));
};

if (process.argv.includes('--in-copy')) {
  const copy = mkdtempSync(join(tmpdir(), 'cbr-sdk-drift-'));
  let changed;
  try {
    for (const path of GENERATOR_INPUTS) {
      mkdirSync(dirname(join(copy, path)), { recursive: true });
      cpSync(join(repoRoot, path), join(copy, path), {
        recursive: true,
        filter: (source) => !source.includes(`${join('/', 'node_modules')}`),
      });
    }
    symlinkSync(join(repoRoot, 'node_modules'), join(copy, 'node_modules'));
    // Biome reads the ignore rules through git (biome.json: vcs).
    spawnSync('git', ['init', '--quiet'], { cwd: copy });
    // The jar and its extracted stock templates are shared; the applied templates are written in the copy.
    const { version, jarDir, jarPath } = generatorConfig();
    mkdirSync(join(copy, '.openapi-generator-jar'));
    if (existsSync(jarPath)) symlinkSync(jarPath, join(copy, '.openapi-generator-jar', `${version}.jar`));
    if (existsSync(join(jarDir, 'stock-templates'))) {
      symlinkSync(join(jarDir, 'stock-templates'), join(copy, '.openapi-generator-jar', 'stock-templates'));
    }
    const generate = spawnSync(process.execPath, [join(copy, 'scripts', 'generate.mjs')], {
      cwd: copy,
      stdio: 'inherit',
    });
    if (generate.status === 0) changed = generatedDifferences(repoRoot, copy);
    else process.exitCode = generate.status ?? 1;
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
  if (changed) report(changed);
} else {
  const generate = spawnSync(process.execPath, ['scripts/generate.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (generate.status !== 0) process.exit(generate.status ?? 1);

  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=all', '--', ...generatedDirs], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (status.status !== 0) {
    console.error(`check:generated: git status failed: ${status.stderr}`);
    process.exit(1);
  }
  report(status.stdout.split('\n').filter(Boolean));
}
