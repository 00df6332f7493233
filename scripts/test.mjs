#!/usr/bin/env node
// `npm test`: the build, then every package's tests and the tooling's in one vitest run, ending with a one-line
// summary ("tests: N passed, N failed"). The drift check is one of the tooling tests
// (scripts/tests/generated-code.test.mjs: it regenerates into a temporary copy and leaves the working tree alone),
// on the generation the generator:upgrade test makes anyway.
//   npm test -- packages/checkpoint   a focused run: only the tests under those paths (vitest filters), so neither
//                                     the drift check nor the other tooling tests (under scripts/) are selected
//   --skip-drift-check                leaves out the drift check and the generator:upgrade tests (generator:upgrade
//                                     passes it: it has just regenerated the code on purpose, twice)
// Any other argument goes to vitest.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
// The drift check and the generator:upgrade tests share one generation, in scripts/tests/generated-code.test.mjs
// (an --exclude glob is matched from each project's root).
if (process.argv.includes('--skip-drift-check')) vitestArgs.push('--exclude', '**/generated-code.test.mjs');
if (focused) console.log('\n▶ focused run: only the tests under the paths given (no drift check, no tooling tests)');

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

const { exitCode, summary } = runTests();

if (!summary) {
  console.log(`tests: 0 passed, 1 failed (${exitCode === 1 ? 'the build failed' : 'vitest wrote no report'})`);
  process.exit(1);
}
if (summary.passed + summary.failed === 0) {
  console.log('tests: 0 passed, 1 failed (no test ran)');
  process.exit(1);
}
console.log(
  `\ntests: ${summary.passed} passed, ${summary.failed} failed${summary.skipped ? `, ${summary.skipped} skipped` : ''}`,
);
process.exit(summary.failed > 0 ? 1 : exitCode);
