// api:check and api:update, in process (scripts/api-report/run.mjs, which the command scripts/api-report.mjs only
// calls; the command itself is run in a child process by api-docs.test.mjs, for its exit codes, its output and
// its --package option, and on the real packages by `npm run api:check` in .ci/run):
// - the committed reports of the generated package match its build;
// - on a package of the test's own with two entry points: an added export fails the check, naming the package and
//   showing the difference; api:update rewrites the report and the check passes again; a removed export, a
//   report of an entry point that is gone and an entry point that is not built fail too;
// - an export or member without a doc comment fails both.
// Every test that runs API Extractor is in this file: one process loads API Extractor and parses TypeScript's libs
// and @types/node once (scripts/api-report/compiler-state.mjs) for all of them, which is most of an analysis's
// cost (a few CPU-seconds a process).
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiReport as runApiReport } from '../api-report/run.mjs';
import { repoRoot } from '../lib/generator-jar.mjs';
import { tempRepo } from './support/temp-repo.mjs';

const GENERATED = 'packages/checkpoint-api';

describe.runIf(existsSync(join(repoRoot, GENERATED, 'dist', 'index.d.ts')))('the committed reports', () => {
  let repo;
  beforeAll(() => {
    repo = tempRepo(['package.json', `${GENERATED}/package.json`, `${GENERATED}/etc`, `${GENERATED}/dist`]);
  });
  afterAll(() => repo?.cleanup());

  it('match the build of the generated package, for each of its entry points (status 0 and the report)', () => {
    const result = runApiReport({ root: repo.dir });
    expect(result.status, result.out).toBe(0);
    for (const [entry, report] of [
      ['@cbr-sdk/checkpoint-api', 'checkpoint-api'],
      ['@cbr-sdk/checkpoint-api/iam', 'checkpoint-api-iam'],
      ['@cbr-sdk/checkpoint-api/credential-sources', 'checkpoint-api-credential-sources'],
    ]) {
      expect(result.out).toContain(`ok   ${entry}: matches ${GENERATED}/etc/${report}.api.md`);
    }
  });
});

// A package of the test's own, built as tsdown builds the generated one: two entry points (`.` and `./iam`) whose
// declarations import a shared chunk, each with import, require and browser conditions.
const PKG = 'packages/gadget-api';
const SHARED = `/** A problem found in a value. */
interface SchemaIssue {
    /** Where, as a JSON pointer. */
    path: string;
    /** What is wrong. */
    message: string;
}
/** Checks a value against a schema; the problems found (none: the value is valid). */
type SchemaValidator = (value: unknown) => SchemaIssue[];
export type { SchemaIssue as a, SchemaValidator as S };
`;
const ROOT_ENTRY = `import { S as SchemaValidator, a as SchemaIssue } from './shared-Bq3x.js';

/** A gadget. */
interface Gadget {
    /** Its ID. */
    id: string;
    /** Its name, at most 64 characters (default: none). */
    name?: string;
}
/** The validator of a gadget. */
declare const validateGadget: SchemaValidator;
/** Lists the gadgets of a project. */
declare function listGadgets(projectId: string): Promise<Gadget[]>;
export { type Gadget, type SchemaIssue, type SchemaValidator, listGadgets, validateGadget };
`;
const IAM_ENTRY = `import { S as SchemaValidator } from '../shared-Bq3x.js';

/** Whether \`value\` is valid for the IAM parameter \`name\`. */
declare function checkIamParameter(name: string, value: unknown): boolean;
/** The validator of an IAM token request. */
declare const iamValidateTokenRequest: SchemaValidator;
export { checkIamParameter, iamValidateTokenRequest };
`;
const conditions = (dir) => ({
  browser: { types: `./dist/${dir}index.d.ts`, default: `./dist/${dir}index.browser.js` },
  import: { types: `./dist/${dir}index.d.ts`, default: `./dist/${dir}index.js` },
  require: { types: `./dist/${dir}index.d.cts`, default: `./dist/${dir}index.cjs` },
});

describe('api:check / api:update', () => {
  let repo;
  beforeAll(() => {
    repo = tempRepo(['package.json']);
    repo.write(
      `${PKG}/package.json`,
      JSON.stringify({
        name: '@cbr-sdk/gadget-api',
        version: '1.0.0',
        type: 'module',
        exports: { '.': conditions(''), './iam': conditions('iam/'), './package.json': './package.json' },
      }),
    );
    repo.write(`${PKG}/dist/shared-Bq3x.d.ts`, SHARED);
    repo.write(`${PKG}/dist/index.d.ts`, ROOT_ENTRY);
    repo.write(`${PKG}/dist/iam/index.d.ts`, IAM_ENTRY);
  });
  afterAll(() => repo?.cleanup());
  const apiReport = (...args) => runApiReport({ root: repo.dir, update: args.includes('--update') });

  it('api:update writes a report for each entry point, and api:check then passes (status 0 and the report)', () => {
    const updated = apiReport('--update');
    expect(updated.status, updated.out).toBe(0);
    expect(updated.out).toContain(`updated   ${PKG}/etc/gadget-api.api.md (@cbr-sdk/gadget-api)`);
    expect(updated.out).toContain(`updated   ${PKG}/etc/gadget-api-iam.api.md (@cbr-sdk/gadget-api/iam)`);
    expect(repo.read(`${PKG}/etc/gadget-api.api.md`)).toContain('export function listGadgets(projectId: string)');
    expect(repo.read(`${PKG}/etc/gadget-api-iam.api.md`)).toContain('export function checkIamParameter(');
    const result = apiReport();
    expect(result.status, result.out).toBe(0);
    expect(result.out).toContain(`ok   @cbr-sdk/gadget-api: matches ${PKG}/etc/gadget-api.api.md`);
    expect(result.out).toContain(`ok   @cbr-sdk/gadget-api/iam: matches ${PKG}/etc/gadget-api-iam.api.md`);
  });

  it('fails on an added export, naming the package and showing the difference, and passes after api:update', () => {
    appendFileSync(
      repo.path(`${PKG}/dist/index.d.ts`),
      // Documented: an undocumented export fails for that reason too (the last describe of this file).
      '\n/** Added for the test. */\nexport declare function addedForTheTest(id: string): void;\n',
    );
    const failed = apiReport();
    expect(failed.status).toBe(1);
    expect(failed.out).toContain(`FAIL @cbr-sdk/gadget-api: its public API differs from ${PKG}/etc/gadget-api.api.md`);
    expect(failed.out).toMatch(/^\+export function addedForTheTest\(id: string\): void;$/m);
    expect(failed.out).toContain('run `npm run api:update`');
    expect(failed.out).toContain('ok   @cbr-sdk/gadget-api/iam');
    expect(repo.read(`${PKG}/etc/gadget-api.api.md`)).not.toContain('addedForTheTest');

    const updated = apiReport('--update');
    expect(updated.status, updated.out).toBe(0);
    expect(updated.out).toContain(`updated   ${PKG}/etc/gadget-api.api.md`);
    expect(repo.read(`${PKG}/etc/gadget-api.api.md`)).toContain('export function addedForTheTest(id: string): void;');
    expect(apiReport().status).toBe(0);
  });

  it('fails on a removed export too', () => {
    const file = repo.path(`${PKG}/dist/iam/index.d.ts`);
    const text = readFileSync(file, 'utf8');
    repo.write(`${PKG}/dist/iam/index.d.ts`, text.replace(/\bcheckIamParameter, /, ''));
    const failed = apiReport();
    expect(failed.status).toBe(1);
    expect(failed.out).toContain('FAIL @cbr-sdk/gadget-api/iam');
    expect(failed.out).toMatch(/^-export function checkIamParameter\(/m);
    repo.write(`${PKG}/dist/iam/index.d.ts`, text);
    expect(apiReport().status).toBe(0);
  });

  it('skips a bin-only package (no library entry point) and fails on a report whose entry point is gone', () => {
    repo.write(
      'packages/tool/package.json',
      JSON.stringify({ name: '@cbr-sdk/tool', version: '0.0.0', bin: { tool: './bin/tool.mjs' } }),
    );
    repo.write(`${PKG}/etc/gadget-api-old.api.md`, '## API Report File for "@cbr-sdk/gadget-api"\n');
    const failed = apiReport();
    expect(failed.out).toContain(
      '@cbr-sdk/tool: no library entry point in its exports map (a bin only): no API report.',
    );
    expect(failed.status).toBe(1);
    expect(failed.out).toContain(`${PKG}/etc/gadget-api-old.api.md reports an entry point that is gone`);
    expect(apiReport('--update').out).toContain(`removed   ${PKG}/etc/gadget-api-old.api.md`);
    expect(apiReport().status).toBe(0);
  });

  it('names a package whose declarations are not built', () => {
    repo.remove(`${PKG}/dist/iam`);
    const failed = apiReport();
    expect(failed.status).toBe(1);
    expect(failed.out).toContain(
      `FAIL @cbr-sdk/gadget-api/iam: ${PKG}/dist/iam/index.d.ts is missing: run \`npm run build\` first.`,
    );
  });
});

const WIDGET = 'packages/widget';
const WIDGET_REPORT = `${WIDGET}/etc/widget.api.md`;

// A small public API, every export and member documented (a class, an interface, a function, a constant).
const DOCUMENTED = `/** A widget. */
export declare class Widget {
    /** Makes a widget of \`size\` bytes. */
    constructor(size: number);
    /** Its size, in bytes. */
    readonly size: number;
    /** Resizes it; \`to\` in bytes (default: twice its size). */
    resize(to?: number): void;
}
/** What a widget is made of. */
export interface WidgetOptions {
    /** How long to wait, in ms (default: 1000). */
    timeoutMs?: number;
}
/** Makes a widget. */
export declare function makeWidget(options?: WidgetOptions): Widget;
/** The largest size, in bytes. */
export declare const MAX_SIZE = 1024;
`;

// Every public export and member is documented, and stays so: api:check and api:update fail on one without a
// doc comment, naming it with its parents (a hand-written dist/index.d.ts of the test's own).
describe('api:check / api:update on undocumented exports and members', () => {
  let repo;
  beforeAll(() => {
    repo = tempRepo(['package.json']);
    repo.write(
      `${WIDGET}/package.json`,
      JSON.stringify({
        name: '@cbr-sdk/widget',
        version: '1.0.0',
        type: 'module',
        exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
      }),
    );
    repo.write(`${WIDGET}/dist/index.d.ts`, DOCUMENTED);
  });
  afterAll(() => repo?.cleanup());
  const apiReport = (...args) => runApiReport({ root: repo.dir, update: args.includes('--update') });

  it('passes when every export and member has a doc comment', () => {
    const updated = apiReport('--update');
    expect(updated.status, updated.out).toBe(0);
    expect(repo.read(WIDGET_REPORT)).toContain('export class Widget');
    expect(repo.read(WIDGET_REPORT)).not.toContain('(undocumented)');
    const checked = apiReport();
    expect(checked.status, checked.out).toBe(0);
    expect(checked.out).toContain(`ok   @cbr-sdk/widget: matches ${WIDGET_REPORT}`);
    expect(checked.out).not.toContain('undocumented');
  });

  it('fails on a new undocumented export and member, naming each with its parent, in both modes', () => {
    repo.write(
      `${WIDGET}/dist/index.d.ts`,
      DOCUMENTED.replace('    /** Its size, in bytes. */\n', '')
        .replace('    timeoutMs?: number;', '    timeoutMs?: number;\n    retries?: number;')
        .concat('export declare function addedForTheTest(id: string): void;\n'),
    );
    const checked = apiReport();
    expect(checked.status).toBe(1);
    expect(checked.out).toContain('FAIL @cbr-sdk/widget: 3 undocumented (no doc comment) in its public API:');
    expect(checked.out).toContain('  undocumented @cbr-sdk/widget: Widget.size\n');
    expect(checked.out).toContain('  undocumented @cbr-sdk/widget: WidgetOptions.retries\n');
    expect(checked.out).toContain('  undocumented @cbr-sdk/widget: addedForTheTest\n');
    expect(checked.out).not.toMatch(/undocumented @cbr-sdk\/widget: (?:Widget\.resize|Widget\.constructor|MAX_SIZE)/);
    expect(checked.out).toContain('needs a doc comment');
    // The report differs too (an added export, two lost comments): both failures are told.
    expect(checked.out).toContain(`FAIL @cbr-sdk/widget: its public API differs from ${WIDGET_REPORT}`);

    // api:update writes the report (the diff shows where) and fails all the same, with the same list.
    const updated = apiReport('--update');
    expect(updated.status).toBe(1);
    expect(updated.out).toContain(`updated   ${WIDGET_REPORT}`);
    expect(updated.out).toContain('FAIL @cbr-sdk/widget: 3 undocumented');
    expect(updated.out).toContain('  undocumented @cbr-sdk/widget: WidgetOptions.retries\n');
    expect(repo.read(WIDGET_REPORT).match(/\(undocumented\)/g)).toHaveLength(3);
    // The report now matches: what is left is the documentation alone.
    const again = apiReport();
    expect(again.status).toBe(1);
    expect(again.out).toContain(`ok   @cbr-sdk/widget: matches ${WIDGET_REPORT}`);
    expect(again.out).toContain('FAIL @cbr-sdk/widget: 3 undocumented');
  });

  it('passes again once each has a doc comment', () => {
    repo.write(
      `${WIDGET}/dist/index.d.ts`,
      DOCUMENTED.replace(
        '    timeoutMs?: number;',
        '    timeoutMs?: number;\n    /** How often to retry (default: 2). */\n    retries?: number;',
      ).concat(
        '/** Added for the test; `id` is a widget id. */\nexport declare function addedForTheTest(id: string): void;\n',
      ),
    );
    const updated = apiReport('--update');
    expect(updated.status, updated.out).toBe(0);
    expect(repo.read(WIDGET_REPORT)).not.toContain('(undocumented)');
    expect(updated.out).not.toContain('undocumented');
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
