#!/usr/bin/env node
// The test loop's figure (issue 17): the wall time of `npm test` and its five slowest test files, with the
// machine's load, recorded in bench/results/test-suite.md. A measurement, never a timed test: the target (at most
// 75 s from a fresh clone after `npm ci`, the build cached, on 2 cores) is compared and reported, not asserted.
//   node bench/test-suite.mjs              runs `npm test` once and records it
//   node bench/test-suite.mjs -- <args>    passes <args> to npm test (e.g. packages/checkpoint: a focused run)
// Measure on an otherwise idle machine: the load average before and after is written next to the figure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const TARGET_S = 75;
const args = process.argv.slice(2).filter((arg) => arg !== '--');

const reportDir = mkdtempSync(join(tmpdir(), 'cbr-sdk-suite-'));
const report = join(reportDir, 'vitest.json');
const loadBefore = loadavg();
const started = process.hrtime.bigint();
const result = spawnSync(process.execPath, ['scripts/test.mjs', `--keep-report=${report}`, ...args], {
  cwd: root,
  stdio: 'inherit',
});
const wallS = Number(process.hrtime.bigint() - started) / 1e9;
const loadAfter = loadavg();

let files = [];
let summary = '(vitest wrote no report)';
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  summary = `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed`;
  files = results.testResults
    .map((file) => ({
      file: relative(root, file.name),
      ms: file.endTime - file.startTime,
      tests: file.assertionResults.length,
    }))
    .sort((a, b) => b.ms - a.ms);
} catch {
  // no report: the build failed, or vitest did not start
} finally {
  rmSync(reportDir, { recursive: true, force: true });
}
const fmt = (load) => load.map((value) => value.toFixed(2)).join(', ');

const lines = [
  '# `npm test`: wall time and the slowest files',
  '',
  `Recorded by \`node bench/test-suite.mjs${args.length ? ` -- ${args.join(' ')}` : ''}\` on ${new Date().toISOString()}, ` +
    `Node ${process.versions.node}, ${availableParallelism()} cores.`,
  '',
  `- wall time: **${wallS.toFixed(1)} s** (target: at most ${TARGET_S} s from a fresh clone after \`npm ci\`, build cached: ` +
    `${wallS <= TARGET_S ? 'met' : 'not met'} here)`,
  `- ${summary}`,
  `- load average before: ${fmt(loadBefore)}; after: ${fmt(loadAfter)} (1, 5, 15 min). A load above the core count means other work shared the machine: remeasure idle.`,
  '',
  '| slowest test files | time | tests |',
  '| --- | ---: | ---: |',
  ...files.slice(0, 5).map(({ file, ms, tests }) => `| ${file} | ${(ms / 1000).toFixed(1)} s | ${tests} |`),
  '',
];
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'test-suite.md'), lines.join('\n'));
// Every file's time of a whole run, for the test order of a clone that has not run the tests yet
// (test-support/sequencer.ts reads it when vitest has no time of its own for a file).
if (args.length === 0 && files.length > 0) {
  const times = Object.fromEntries(
    files.map(({ file, ms }) => [file, Math.round(ms)]).sort(([a], [b]) => a.localeCompare(b)),
  );
  writeFileSync(join(root, 'bench', 'results', 'test-times.json'), `${JSON.stringify(times, null, 2)}\n`);
}
console.log(lines.join('\n'));
process.exit(result.status ?? 1);
