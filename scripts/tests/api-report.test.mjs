// api:check and api:update on a temporary copy of a built package: an added export fails the check, naming the
// package and showing the difference; api:update rewrites the report and the check passes again. In process
// (scripts/api-report/run.mjs), which the command (scripts/api-report.mjs) only calls: the command itself is run
// in a child process by api-docs.test.mjs (its exit codes, output and --package option) and, on the real
// packages, by `npm run api:check` in .ci/run.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiReport as runApiReport } from '../api-report/run.mjs';
import { repoRoot } from '../lib/generator-jar.mjs';
import { tempRepo } from './support/temp-repo.mjs';

const PKG = 'packages/checkpoint-api';
const built = existsSync(join(repoRoot, PKG, 'dist', 'index.d.ts'));

describe.runIf(built)('api:check / api:update', () => {
  let repo;
  beforeAll(() => {
    repo = tempRepo(['package.json', `${PKG}/package.json`, `${PKG}/etc`, `${PKG}/dist`]);
  });
  afterAll(() => repo?.cleanup());
  const apiReport = (...args) => runApiReport({ root: repo.dir, update: args.includes('--update') });

  it('passes on the committed reports of both entry points (status 0 and the report)', () => {
    const result = apiReport();
    expect(result.status, result.out).toBe(0);
    expect(result.out).toContain(`ok   @cbr-sdk/checkpoint-api: matches ${PKG}/etc/checkpoint-api.api.md`);
    expect(result.out).toContain(`ok   @cbr-sdk/checkpoint-api/iam: matches ${PKG}/etc/checkpoint-api-iam.api.md`);
  });

  it('fails on an added export, naming the package and showing the difference, and passes after api:update', () => {
    appendFileSync(
      repo.path(`${PKG}/dist/index.d.ts`),
      // Documented: an undocumented export fails for that reason too (api-docs.test.mjs).
      '\n/** Added for the test. */\nexport declare function addedForTheTest(id: string): void;\n',
    );
    const failed = apiReport();
    expect(failed.status).toBe(1);
    expect(failed.out).toContain(
      `FAIL @cbr-sdk/checkpoint-api: its public API differs from ${PKG}/etc/checkpoint-api.api.md`,
    );
    expect(failed.out).toMatch(/^\+export function addedForTheTest\(id: string\): void;$/m);
    expect(failed.out).toContain('run `npm run api:update`');
    expect(failed.out).toContain('ok   @cbr-sdk/checkpoint-api/iam');
    expect(repo.read(`${PKG}/etc/checkpoint-api.api.md`)).not.toContain('addedForTheTest');

    const updated = apiReport('--update');
    expect(updated.status, updated.out).toBe(0);
    expect(updated.out).toContain(`updated   ${PKG}/etc/checkpoint-api.api.md`);
    expect(repo.read(`${PKG}/etc/checkpoint-api.api.md`)).toContain(
      'export function addedForTheTest(id: string): void;',
    );
    expect(apiReport().status).toBe(0);
  });

  it('fails on a removed export too', () => {
    const file = repo.path(`${PKG}/dist/iam/index.d.ts`);
    const text = readFileSync(file, 'utf8');
    repo.write(`${PKG}/dist/iam/index.d.ts`, text.replace(/\bcheckIamParameter, /, ''));
    const failed = apiReport();
    expect(failed.status).toBe(1);
    expect(failed.out).toContain('FAIL @cbr-sdk/checkpoint-api/iam');
    expect(failed.out).toMatch(/^-export function checkIamParameter\(/m);
    repo.write(`${PKG}/dist/iam/index.d.ts`, text);
    expect(apiReport().status).toBe(0);
  });

  it('skips a bin-only package (no library entry point) and fails on a report whose entry point is gone', () => {
    repo.write(
      'packages/tool/package.json',
      JSON.stringify({ name: '@cbr-sdk/tool', version: '0.0.0', bin: { tool: './bin/tool.mjs' } }),
    );
    repo.write(`${PKG}/etc/checkpoint-api-old.api.md`, '## API Report File for "@cbr-sdk/checkpoint-api"\n');
    const failed = apiReport();
    expect(failed.out).toContain(
      '@cbr-sdk/tool: no library entry point in its exports map (a bin only): no API report.',
    );
    expect(failed.status).toBe(1);
    expect(failed.out).toContain(`${PKG}/etc/checkpoint-api-old.api.md reports an entry point that is gone`);
    expect(apiReport('--update').out).toContain(`removed   ${PKG}/etc/checkpoint-api-old.api.md`);
    expect(apiReport().status).toBe(0);
  });

  it('names a package whose declarations are not built', () => {
    repo.remove(`${PKG}/dist/iam`);
    const failed = apiReport();
    expect(failed.status).toBe(1);
    expect(failed.out).toContain(
      `FAIL @cbr-sdk/checkpoint-api/iam: ${PKG}/dist/iam/index.d.ts is missing: run \`npm run build\` first.`,
    );
  });
});

describe.runIf(existsSync(join(repoRoot, 'packages/checkpoint/dist/index.d.ts')))('@internal', () => {
  it('stays out of the published declarations and the report (the constructors of Checkpoints and Backups, and their context)', () => {
    for (const [module, name] of [
      ['checkpoints/checkpoints.ts', 'Checkpoints'],
      ['backups/backups.ts', 'Backups'],
    ]) {
      const source = readFileSync(join(repoRoot, 'packages/checkpoint/src', module), 'utf8');
      expect(source, module).toMatch(/@internal[^\n]*\n\s*constructor\(context: ApiContext\)/);
      for (const file of ['dist/index.d.ts', 'dist/index.d.cts', 'etc/checkpoint.api.md']) {
        const text = readFileSync(join(repoRoot, 'packages/checkpoint', file), 'utf8');
        expect(text, file).toContain(`class ${name}`);
        expect(text, file).not.toContain('ApiContext');
      }
    }
  });
});
