#!/usr/bin/env node
// The publishing job's tools, checked before anything is built: npm trusted publishing (OIDC, no stored token)
// needs npm >= 11.5.1 and Node >= 22.14. An older one would fail only at `npm publish`, after the version commit.
//   --node <v> --npm <v>  check these versions instead of the running ones (for the tests)
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';

export const MINIMUM = { node: '22.14.0', npm: '11.5.1' };

/** -1, 0 or 1: `a` before, equal to or after `b` (numeric x.y.z; a pre-release tag is ignored). */
export function compareVersions(a, b) {
  const parts = (v) => v.replace(/^v/, '').split(/[-+]/)[0].split('.').map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0) ? -1 : 1;
  return 0;
}

/** The problems with these versions: one line each, empty when both are new enough. */
export function publishToolProblems(versions) {
  return Object.entries(MINIMUM)
    .filter(([tool, minimum]) => !versions[tool] || compareVersions(versions[tool], minimum) < 0)
    .map(
      ([tool, minimum]) =>
        `${tool} ${versions[tool] ?? '(not found)'} is too old for npm trusted publishing: it needs ${tool} >= ${minimum}`,
    );
}

if (import.meta.main ?? process.argv[1] === import.meta.filename) {
  const { values } = parseArgs({ options: { node: { type: 'string' }, npm: { type: 'string' } } });
  const versions = {
    node: values.node ?? process.versions.node,
    npm: values.npm ?? execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim(),
  };
  const problems = publishToolProblems(versions);
  for (const problem of problems) console.error(`check-publish-tools: ${problem}.`);
  if (problems.length > 0) {
    console.error('Set node-version (actions/setup-node) and the packageManager npm in package.json accordingly.');
    process.exit(1);
  }
  console.log(`check-publish-tools: node ${versions.node} and npm ${versions.npm} can publish with OIDC.`);
}
