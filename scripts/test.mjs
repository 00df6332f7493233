#!/usr/bin/env node
// `npm test`: the drift check, the build, then every package's tests in one vitest run, ending with a
// one-line summary ("tests: N passed, N failed"). The drift check regenerates into a temporary copy while the
// build and the tests run (it leaves the working tree alone), and its verdict is printed at the end.
//   npm test -- packages/checkpoint   a focused run: only the tests under those paths (vitest filters), without
//                                     the drift check (the tooling tests, under scripts/, are not selected)
//   --skip-drift-check                (generator:upgrade, which has just regenerated the code on purpose)
// Any other argument goes to vitest.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './lib/generator-jar.mjs';

const bin = (name) => join(repoRoot, 'node_modules', '.bin', name);
const step = (title, command, args) => {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  return result.status ?? 1;
};

// --keep-report=<file>: a copy of vitest's JSON report (bench/test-suite.mjs reads the per-file times).
const keepReport = process.argv.find((arg) => arg.startsWith('--keep-report='))?.slice('--keep-report='.length);
const vitestArgs = process.argv
  .slice(2)
  .filter((arg) => arg !== '--skip-drift-check' && !arg.startsWith('--keep-report='));
const focused = vitestArgs.some((arg) => !arg.startsWith('-') && /^(\.\/)?packages\//.test(arg));
const skipDriftCheck = process.argv.includes('--skip-drift-check') || focused;

/**
 * The drift check in the background. Its output goes to a file, not a pipe: the build and the tests below block
 * this process (spawnSync), and a full pipe would stall the check. Printed at the end with its exit code.
 */
function startDriftCheck() {
  console.log('\n▶ drift check: regenerating from the spec into a temporary copy (alongside the build and the tests)');
  const dir = mkdtempSync(join(tmpdir(), 'cbr-sdk-drift-log-'));
  const log = join(dir, 'drift.log');
  const fd = openSync(log, 'w');
  const child = spawn(process.execPath, ['scripts/check-generated.mjs', '--skip-without-java', '--in-copy'], {
    cwd: repoRoot,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  return new Promise((resolve) => {
    const finish = (status, extra = '') => {
      const output = `${readFileSync(log, 'utf8')}${extra}`;
      rmSync(dir, { recursive: true, force: true });
      resolve({ status, output });
    };
    child.on('error', (error) => finish(1, `\n${error.message}`));
    child.on('close', (status) => finish(status ?? 1));
  });
}

const drift = skipDriftCheck ? undefined : startDriftCheck();
if (focused) console.log('\n▶ focused run: no drift check, only the tests under the paths given');

const runTests = () => {
  if (step('build', bin('turbo'), ['run', 'build', '--output-logs=errors-only']) !== 0) return { exitCode: 1 };
  const reportDir = mkdtempSync(join(tmpdir(), 'cbr-sdk-tests-'));
  const report = join(reportDir, 'vitest.json');
  const exitCode = step('tests', bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...vitestArgs,
  ]);
  try {
    const text = readFileSync(report, 'utf8');
    if (keepReport) writeFileSync(keepReport, text);
    const results = JSON.parse(text);
    return {
      exitCode,
      summary: {
        passed: results.numPassedTests,
        failed: results.numFailedTests,
        skipped: results.numPendingTests + results.numTodoTests,
      },
    };
  } catch {
    return { exitCode };
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
};

// spawnSync would block the event loop the drift check's output arrives on; it is read when the tests are done.
const { exitCode, summary } = runTests();
let driftFailed = false;
if (drift) {
  const { status, output } = await drift;
  console.log(`\n▶ drift check (ran alongside)\n${output.trimEnd()}`);
  driftFailed = status !== 0;
}

if (!summary) {
  console.log(`tests: 0 passed, 1 failed (${exitCode === 1 ? 'the build failed' : 'vitest wrote no report'})`);
  process.exit(1);
}
if (summary.passed + summary.failed === 0) {
  console.log('tests: 0 passed, 1 failed (no test ran)');
  process.exit(1);
}
const failed = summary.failed + (driftFailed ? 1 : 0);
console.log(
  `\ntests: ${summary.passed} passed, ${failed} failed${driftFailed ? ' (the drift check among them)' : ''}${summary.skipped ? `, ${summary.skipped} skipped` : ''}`,
);
process.exit(failed > 0 ? 1 : exitCode);
