#!/usr/bin/env node
// `npm run metadata`: writes repository (with its directory), homepage and bugs into every published
// package.json, from the root package.json's `repository.url` (see scripts/lib/package-metadata.mjs).
//   --check        change nothing; fail, naming the package and the field, where they differ (npm run lint)
//   --for-publish  also fail while the URL is a placeholder, or (in GitHub Actions) names another repository
//                  than the one building: npm's provenance would refuse it (the release workflow runs this)
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { readJson, writeJson } from './lib/files.mjs';
import { repoRoot } from './lib/generator-jar.mjs';
import {
  differingFields,
  isPlaceholder,
  packageFields,
  parseRepositoryUrl,
  rootFields,
  withFields,
} from './lib/package-metadata.mjs';
import { workspacePackages } from './lib/workspace-packages.mjs';

const { values } = parseArgs({
  options: { check: { type: 'boolean' }, 'for-publish': { type: 'boolean' }, root: { type: 'string' } },
});
const root = values.root ?? repoRoot;
const check = values.check || values['for-publish'];
const fail = (message) => {
  console.error(`metadata: ${message}`);
  process.exit(1);
};

const rootPath = join(root, 'package.json');
const rootManifest = readJson(rootPath);
const url = typeof rootManifest.repository === 'string' ? rootManifest.repository : rootManifest.repository?.url;
const parsed = parseRepositoryUrl(url);
if (!parsed) {
  fail(
    `the root package.json's repository.url (${url ?? 'missing'}) is not a GitHub repository URL such as ` +
      '"git+https://github.com/<owner>/<repo>.git": set it there, then run `npm run metadata`.',
  );
}
const branch = JSON.parse(readFileSync(join(root, '.changeset', 'config.json'), 'utf8')).baseBranch ?? 'main';

const targets = [
  { path: rootPath, manifest: rootManifest, fields: rootFields(parsed) },
  ...workspacePackages(root)
    .filter((pkg) => pkg.published)
    .map((pkg) => ({
      path: join(pkg.dir, 'package.json'),
      manifest: pkg.manifest,
      fields: packageFields(parsed, pkg.folder, branch),
    })),
];

const stale = [];
for (const { path, manifest, fields } of targets) {
  const differing = differingFields(manifest, fields);
  if (differing.length === 0) continue;
  stale.push(`${relative(root, path)}: ${differing.join(', ')}`);
  if (!check) writeJson(path, withFields(manifest, fields));
}

if (check && stale.length > 0) {
  fail(
    `these package.json fields differ from what the root's repository.url (${url}) gives:\n` +
      `${stale.map((line) => `  ${line}`).join('\n')}\nRun \`npm run metadata\` and commit the result.`,
  );
}
if (!check) {
  console.log(stale.length > 0 ? `metadata: updated\n  ${stale.join('\n  ')}` : 'metadata: every package.json agrees.');
}
if (values['for-publish']) {
  if (isPlaceholder(parsed)) {
    fail(
      `refusing to publish: the repository URL is still the placeholder ${url}. Set repository.url in the root ` +
        'package.json to the real repository, run `npm run metadata`, and merge that first (RELEASING.md).',
    );
  }
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: not a turbo task; GitHub Actions sets it in the workflow
  const building = process.env.GITHUB_REPOSITORY;
  if (building && building.toLowerCase() !== `${parsed.owner}/${parsed.repo}`.toLowerCase()) {
    fail(
      `refusing to publish: this workflow runs in ${building}, but the packages say they come from ` +
        `${parsed.owner}/${parsed.repo}; npm provenance would refuse them. Fix repository.url in the root package.json.`,
    );
  }
  console.log(`metadata: ready to publish from ${parsed.web}.`);
} else if (check) {
  console.log(`metadata: every published package.json agrees with ${parsed.web}.`);
}
