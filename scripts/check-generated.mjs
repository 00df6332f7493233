#!/usr/bin/env node
// Drift check: regenerates from the spec and fails when the result differs from what is committed.
//   --skip-without-java  (used by `npm test` off CI) skips with a clear note when Java is missing.
import { spawnSync } from 'node:child_process';
import { javaMajorVersion, repoRoot } from './lib/generator-jar.mjs';
import { generatedDirs } from './lib/spec.mjs';

if (process.argv.includes('--skip-without-java') && process.env.CI !== 'true') {
  const java = javaMajorVersion();
  if (java === undefined || java < 11) {
    console.warn(
      'check:generated: SKIPPED, Java 11+ is not installed, so the generated code could not be regenerated and compared. Install a JDK and run `npm run check:generated` (CI always runs it).',
    );
    process.exit(0);
  }
}

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
const changed = status.stdout.split('\n').filter(Boolean);
if (changed.length > 0) {
  console.error('check:generated: the generated code differs from what is committed:');
  for (const line of changed) console.error(`  ${line}`);
  console.error('Run `npm run generate` and commit the result (never edit these files by hand).');
  process.exit(1);
}
console.log('check:generated: the committed generated code matches the spec.');
