#!/usr/bin/env node
// `npm run lint:workflows` (part of `npm run lint`): actionlint over .github/workflows (syntax, expressions,
// action inputs, runner labels, and the shell of each `run:` when shellcheck is installed), and every action
// pinned by commit SHA with its version in a comment (scripts/lib/workflow-pins.mjs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './lib/generator-jar.mjs';
import { ensureGoTool, GO_TOOLS } from './lib/go-tools.mjs';
import { run } from './lib/process.mjs';
import { unpinnedActions } from './lib/workflow-pins.mjs';

if (!existsSync(join(repoRoot, '.github', 'workflows'))) {
  console.log('lint:workflows: no .github/workflows folder: nothing to lint.');
  process.exit(0);
}
const workflowsDir = join(repoRoot, '.github', 'workflows');
const unpinned = readdirSync(workflowsDir)
  .filter((name) => /\.ya?ml$/.test(name))
  .flatMap((name) =>
    unpinnedActions(readFileSync(join(workflowsDir, name), 'utf8')).map(
      (problem) => `.github/workflows/${name}:${problem.line}: ${problem.uses}: ${problem.why}`,
    ),
  );
if (unpinned.length > 0) {
  for (const line of unpinned) console.error(line);
  console.error('lint:workflows: pin each action by its commit SHA, the version in a comment (`@<sha> # v1.2.3`).');
  process.exit(1);
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
