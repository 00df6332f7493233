#!/usr/bin/env node
// `npm run test:versions`: the tooling tests (scripts/tests) on copies of this repository as it will look right
// after a stable release: every package at 1.0.0, then at 2.3.4, with no pending changeset. They must pass the
// same as at 0.x, because each test builds the state it asserts on (the day the project goes 1.0, CI must not
// turn red for a reason unrelated to the change).
//   -- <version> ...   other versions (default 1.0.0 2.3.4)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from './lib/generator-jar.mjs';
import { run } from './lib/process.mjs';
import { setChangesets, setVersions } from './tests/support/temp-repo.mjs';

const USAGE = 'usage: npm run test:versions [-- <version> ...]   (default: 1.0.0 2.3.4)';
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
// Anything else that is not a version (a mistyped flag) would start a long run on nonsense: refuse it first.
const notVersions = args.filter((arg) => !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(arg));
if (notVersions.length > 0) {
  console.error(`test:versions: not a version: ${notVersions.join(', ')}\n${USAGE}`);
  process.exit(2);
}
const versions = args.length > 0 ? args : ['1.0.0', '2.3.4'];
const LINKED = ['node_modules', '.tools', '.openapi-generator-jar'];

/** The working tree's files (tracked, and new ones not ignored), the built dist/ folders, the tools linked. */
function copyRepo() {
  const dir = mkdtempSync(join(tmpdir(), 'cbr-sdk-at-version-'));
  const listed = run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: repoRoot });
  if (!listed.ok) throw new Error(`git ls-files failed: ${listed.out}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(repoRoot, file))) continue; // deleted, not yet committed
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(repoRoot, file), join(dir, file));
  }
  for (const folder of readdirSync(join(repoRoot, 'packages'))) {
    const dist = join(repoRoot, 'packages', folder, 'dist');
    if (existsSync(dist)) cpSync(dist, join(dir, 'packages', folder, 'dist'), { recursive: true });
  }
  for (const name of LINKED) {
    if (existsSync(join(repoRoot, name))) symlinkSync(join(repoRoot, name), join(dir, name));
  }
  return dir;
}

let failed = 0;
for (const version of versions) {
  console.log(`\n▶ the tooling tests with every package at ${version} and no pending changeset`);
  const dir = copyRepo();
  try {
    setVersions(dir, version);
    setChangesets(dir, {});
    const result = spawnSync(join(repoRoot, 'node_modules', '.bin', 'vitest'), ['run', '--project', 'scripts'], {
      cwd: dir,
      stdio: 'inherit',
    });
    if (result.status !== 0) {
      failed += 1;
      console.log(`test:versions: the tooling tests FAILED at ${version} (above).`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(
  failed === 0
    ? `\ntest:versions: the tooling tests pass at ${versions.join(', ')}.`
    : `\ntest:versions: ${failed} of ${versions.length} versions failed.`,
);
process.exit(failed === 0 ? 0 : 1);
