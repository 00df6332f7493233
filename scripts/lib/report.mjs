// The PASS/FAIL/SKIP lines of the repository's own test scripts (test:release, test:runtimes), and their
// closing line "<label>: N passed, N failed[, N skipped]", which CI reads.
import { run } from './process.mjs';

/** Thrown to stop a script after a step that later steps need has failed (it is already reported). */
export class Abort extends Error {}

/** The last 40 lines of `text`, indented under a FAIL or SKIP line. */
export const indent = (text) =>
  String(text)
    .trimEnd()
    .split('\n')
    .slice(-40)
    .map((line) => `    ${line}`)
    .join('\n');

export function createReport(startedAt = Date.now()) {
  const results = { passed: 0, failed: 0, skipped: 0 };
  const elapsed = () => `${((Date.now() - startedAt) / 1000).toFixed(0)}s`;

  function pass(name, detail = '') {
    results.passed++;
    console.log(`PASS ${name}${detail ? ` (${detail})` : ''}`);
  }
  function fail(name, detail = '') {
    results.failed++;
    console.log(`FAIL ${name}${detail ? `\n${indent(detail)}` : ''}`);
  }
  function skip(name, why) {
    results.skipped++;
    console.log(`SKIP ${name}\n${indent(why)}`);
  }
  function check(name, ok, detail = '', failDetail = detail) {
    if (ok) pass(name, detail);
    else fail(name, failDetail);
    return ok;
  }
  /** Runs a step that later steps need: FAIL and abort when it fails. */
  function must(name, command, args, options) {
    const result = run(command, args, options);
    if (!result.ok) {
      fail(name, result.out);
      throw new Abort(name);
    }
    pass(name);
    return result;
  }
  const section = (title) => console.log(`\n▶ ${title} [${elapsed()}]`);
  /** Prints the closing line; returns the exit code (1 when anything failed or nothing passed). */
  function summary(label) {
    const skipped = results.skipped ? `, ${results.skipped} skipped` : '';
    console.log(`${label}: ${results.passed} passed, ${results.failed} failed${skipped}`);
    return results.failed > 0 || results.passed === 0 ? 1 : 0;
  }
  return { results, elapsed, pass, fail, skip, check, must, section, summary };
}
