#!/usr/bin/env node
// `npm run lint:workflows` (part of `npm run lint`): actionlint over .github/workflows (syntax, expressions,
// action inputs, runner labels, and the shell of each `run:` when shellcheck is installed).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './lib/generator-jar.mjs';
import { ensureGoTool, GO_TOOLS } from './lib/go-tools.mjs';
import { run } from './lib/process.mjs';

if (!existsSync(join(repoRoot, '.github', 'workflows'))) {
  console.log('lint:workflows: no .github/workflows folder: nothing to lint.');
  process.exit(0);
}
try {
  const actionlint = ensureGoTool('actionlint');
  const result = run(actionlint, ['-no-color'], { cwd: repoRoot });
  if (!result.ok) {
    process.stdout.write(result.out);
    console.error('lint:workflows: actionlint found the problems above.');
    process.exit(1);
  }
  console.log(`lint:workflows: actionlint ${GO_TOOLS.actionlint.version} found no problem in .github/workflows.`);
} catch (error) {
  console.error(`lint:workflows: ${error.message}`);
  process.exit(1);
}
