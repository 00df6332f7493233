#!/usr/bin/env node
// `npm test`: the drift check, the build, then every package's tests in one vitest run, ending with a
// one-line summary ("tests: N passed, N failed"). Extra arguments go to vitest (e.g. a file filter), but
// --skip-drift-check (used by generator:upgrade, which has just regenerated the code on purpose).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './lib/generator-jar.mjs';

const bin = (name) => join(repoRoot, 'node_modules', '.bin', name);
const step = (title, command, args) => {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  return result.status ?? 1;
};

const skipDriftCheck = process.argv.includes('--skip-drift-check');
const vitestArgs = process.argv.slice(2).filter((arg) => arg !== '--skip-drift-check');
if (
  !skipDriftCheck &&
  step('drift check: regenerate from the spec', process.execPath, [
    'scripts/check-generated.mjs',
    '--skip-without-java',
  ]) !== 0
) {
  process.exit(1);
}
if (step('build', bin('turbo'), ['run', 'build', '--output-logs=errors-only']) !== 0) process.exit(1);

const reportDir = mkdtempSync(join(tmpdir(), 'cbr-sdk-tests-'));
const report = join(reportDir, 'vitest.json');
const exitCode = step('tests', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...vitestArgs,
]);

let summary;
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  summary = {
    passed: results.numPassedTests,
    failed: results.numFailedTests,
    skipped: results.numPendingTests + results.numTodoTests,
  };
} catch {
  summary = undefined;
} finally {
  rmSync(reportDir, { recursive: true, force: true });
}
if (!summary) {
  console.log('tests: 0 passed, 1 failed (vitest wrote no report)');
  process.exit(exitCode || 1);
}
if (summary.passed + summary.failed === 0) {
  console.log('tests: 0 passed, 1 failed (no test ran)');
  process.exit(1);
}
console.log(
  `\ntests: ${summary.passed} passed, ${summary.failed} failed${summary.skipped ? `, ${summary.skipped} skipped` : ''}`,
);
process.exit(summary.failed > 0 ? 1 : exitCode);
