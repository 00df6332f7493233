#!/usr/bin/env node
// `node bench/cli-start.mjs [--quick]`: only the `cbr` command's rows (bench/lib/cli-start.mjs), written into
// the section of bench/results/latest.md between its markers; the rest of the report stays as it is.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchChildEnv } from './lib/child-env.mjs';
import { CLI_SECTION, cliStartMarkdown, measureCliStart } from './lib/cli-start.mjs';
import { killAll } from './lib/processes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const quick = process.argv.includes('--quick');
try {
  const result = await measureCliStart({ root, runs: quick ? 5 : 20, env: benchChildEnv() });
  const section = cliStartMarkdown(result);
  process.stdout.write(`${section}\n`);
  if (!quick) {
    const path = join(here, 'results', 'latest.md');
    const report = readFileSync(path, 'utf8');
    const from = report.indexOf(CLI_SECTION.start);
    const to = report.indexOf(CLI_SECTION.end);
    const updated =
      from >= 0 && to > from
        ? `${report.slice(0, from)}${section}${report.slice(to + CLI_SECTION.end.length)}`
        : `${report.trimEnd()}\n\n${section}\n`;
    writeFileSync(path, updated);
    process.stderr.write('[bench] wrote the cbr command section of bench/results/latest.md\n');
  }
} finally {
  killAll();
}
