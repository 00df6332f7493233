// The release workflow publishes without a stored token (npm trusted publishing: OIDC, provenance), on a Node and
// npm new enough for it; every action of every workflow is pinned by commit SHA; Dependabot keeps them current.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { repoRoot } from '../lib/generator-jar.mjs';
import { run } from '../lib/process.mjs';
import { unpinnedActions } from '../lib/workflow-pins.mjs';
import { compareVersions, MINIMUM, publishToolProblems } from '../release/check-publish-tools.mjs';

const workflowsDir = join(repoRoot, '.github', 'workflows');
const readWorkflow = (name) => readFileSync(join(workflowsDir, name), 'utf8');
const release = YAML.parse(readWorkflow('release.yml'));
const PUBLISHING_JOBS = ['release', 'snapshot'];

describe('release.yml: npm trusted publishing', () => {
  it.each(PUBLISHING_JOBS)('%s: an OIDC token, no npm token, provenance, Node >= 22.14 checked first', (name) => {
    const job = release.jobs[name];
    expect(job.permissions['id-token']).toBe('write');
    const text = JSON.stringify(job);
    expect(text).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN/);
    const setupNode = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(compareVersions(`${setupNode.with['node-version']}.99.99`, MINIMUM.node)).toBeGreaterThanOrEqual(0);
    // No registry-url: setup-node would write an .npmrc that expects NODE_AUTH_TOKEN.
    expect(setupNode.with['registry-url']).toBeUndefined();
    const check = job.steps.findIndex((step) => step.run === 'node scripts/release/check-publish-tools.mjs');
    const publish = job.steps.findIndex(
      (step) => step.uses?.startsWith('changesets/action@') || step.run === 'npm run release:snapshot',
    );
    expect(check).toBeGreaterThan(-1);
    expect(check).toBeLessThan(job.steps.findIndex((step) => step.run?.startsWith('npm ci')));
    expect(publish).toBeGreaterThan(check);
    const publishing = job.steps.filter((step) => step.env?.NPM_CONFIG_PROVENANCE);
    expect(publishing.map((step) => step.env.NPM_CONFIG_PROVENANCE)).toEqual(['true']);
  });

  it('no workflow mentions an npm token', () => {
    for (const name of readdirSync(workflowsDir)) expect(readWorkflow(name), name).not.toMatch(/NPM_TOKEN/);
  });

  it("the packageManager's npm is new enough to publish with OIDC", () => {
    const npm = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).packageManager.split('@')[1];
    expect(compareVersions(npm, MINIMUM.npm)).toBeGreaterThanOrEqual(0);
  });
});

describe('check-publish-tools', () => {
  it.each([
    [{ node: '24.11.0', npm: '11.19.1' }, []],
    [{ node: '22.14.0', npm: '11.5.1' }, []],
    [
      { node: 'v22.13.1', npm: '11.5.1' },
      ['node v22.13.1 is too old for npm trusted publishing: it needs node >= 22.14.0'],
    ],
    [{ node: '20.19.0', npm: '10.9.2' }, ['node 20.19.0', 'npm 10.9.2']],
    [{ node: '24.0.0', npm: '11.5.0' }, ['npm 11.5.0 is too old']],
    [{ node: '24.0.0', npm: '11.10.0-pre' }, []],
  ])('%j', (versions, expected) => {
    const problems = publishToolProblems(versions);
    expect(problems).toHaveLength(expected.length);
    for (const [index, text] of expected.entries()) expect(problems[index]).toContain(text);
  });

  it('exits 1 naming the tool, and 0 when both are new enough', () => {
    const script = join(repoRoot, 'scripts/release/check-publish-tools.mjs');
    const old = run(process.execPath, [script, '--node', '22.12.0', '--npm', '11.6.0']);
    expect(old.status).toBe(1);
    expect(old.out).toContain('node 22.12.0 is too old for npm trusted publishing: it needs node >= 22.14.0');
    const ok = run(process.execPath, [script, '--node', '22.14.0', '--npm', '11.5.1']);
    expect(ok.status, ok.out).toBe(0);
  });
});

describe('action pins', () => {
  it('every action of every workflow is pinned by a commit SHA with its version in a comment', () => {
    for (const name of readdirSync(workflowsDir)) expect(unpinnedActions(readWorkflow(name)), name).toEqual([]);
  });

  it('finds a tag, a short SHA and a SHA without its version; leaves local actions alone', () => {
    const text = [
      'steps:',
      '  - uses: actions/checkout@v4',
      '  - uses: actions/setup-node@4999',
      `  - uses: actions/setup-go@${'a'.repeat(40)}`,
      `  - uses: actions/setup-java@${'b'.repeat(40)} # v5.7.0`,
      '  - uses: ./.github/actions/local',
    ].join('\n');
    expect(unpinnedActions(text).map(({ line, why }) => [line, why])).toEqual([
      [2, 'not pinned by a full commit SHA'],
      [3, 'not pinned by a full commit SHA'],
      [4, 'no version in a comment after the SHA (`# v1.2.3`)'],
    ]);
  });

  it('Dependabot updates the actions and the npm dev dependencies, grouped', () => {
    const config = YAML.parse(readFileSync(join(repoRoot, '.github/dependabot.yml'), 'utf8'));
    const byEcosystem = (name) => config.updates.filter((update) => update['package-ecosystem'] === name);
    expect(byEcosystem('github-actions')[0].groups.actions.patterns).toEqual(['*']);
    const root = byEcosystem('npm').find((update) => update.directory === '/');
    expect(root.groups['dev-tools']).toMatchObject({ 'dependency-type': 'development' });
  });
});
