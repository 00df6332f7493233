#!/usr/bin/env node
// `npm run metadata`: writes repository (with its directory), homepage and bugs into every published
// package.json, from the root package.json's `repository.url` (see scripts/lib/package-metadata.mjs, which does
// the work in process; this command prints its report and exits with its status).
//   --check        change nothing; fail, naming the package and the field, where they differ (npm run lint)
//   --for-publish  also fail while the URL is a placeholder, or (in GitHub Actions) names another repository
//                  than the one building: npm's provenance would refuse it (the release workflow runs this)
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/generator-jar.mjs';
import { packageMetadata } from './lib/package-metadata.mjs';

const { values } = parseArgs({
  options: { check: { type: 'boolean' }, 'for-publish': { type: 'boolean' }, root: { type: 'string' } },
});
const { status, stdout, stderr } = packageMetadata({
  root: values.root ?? repoRoot,
  check: values.check === true,
  forPublish: values['for-publish'] === true,
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: not a turbo task; GitHub Actions sets it in the workflow
  building: process.env.GITHUB_REPOSITORY,
});
process.stdout.write(stdout);
process.stderr.write(stderr);
process.exit(status);
