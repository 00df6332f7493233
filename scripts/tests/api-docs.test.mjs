// Every public export and member is documented, and stays so. A bin-only package (the CLI) has no API report: the
// exports of its modules are read from its sources, and api:check and api:update (the command itself, in a child
// process: its exit codes, its output and its --package option) fail on one without a doc comment. What an API
// report marks undocumented is named with its parents. (api:check on a library's undocumented exports runs API
// Extractor: it is in api-report.test.mjs, with every other test that does.)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiReport as runApiReport } from '../api-report/run.mjs';
import { undocumentedSourceExports } from '../api-report/source-docs.mjs';
import { undocumentedItems } from '../api-report/undocumented.mjs';
import { specChanges } from '../compat/spec-changes.mjs';
import { ensureGoTool } from '../lib/go-tools.mjs';
import { tempRepo } from './support/temp-repo.mjs';

// A bin-only package (the CLI) has no API report: its modules' exports are read from its sources.
const TOOL_SOURCE = `// A line comment is not a doc comment.
export interface RunOptions {
  /** How long to run, in ms (default: 1000). */
  timeoutMs?: number;
  verbose?: boolean;
}

/** Runs the tool. */
export class Runner {
  /** The options it was made with. */
  readonly options: RunOptions;
  #secret = 'kept out';
  private hidden = 0;
  constructor(options: RunOptions) {
    this.options = options;
  }
  start(): void {}
}

/** The tool's version. */
export const VERSION = '1.0.0';
export const helper = () => 1;
/** Runs the tool from the command line. */
export async function main(): Promise<void> {}
function notExported(): void {}
export type { Other } from './other.js';
`;

describe('the doc comments of a bin-only package, read from its sources', () => {
  let dir;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cbr-sdk-source-docs-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (file, text) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  };

  it('names each export and public member without a doc comment, with its file', () => {
    write('src/run.ts', TOOL_SOURCE);
    write('src/run.test.ts', 'export const notChecked = 1;\n');
    write('src/types.d.ts', 'export declare const notCheckedEither: 1;\n');
    write('src/nested/other.ts', '/** Documented. */\nexport type Other = string;\nexport enum Mode { a }\n');
    const { undocumented, checked } = undocumentedSourceExports(dir);
    expect(undocumented).toEqual([
      { name: 'Mode', file: join('src', 'nested', 'other.ts') },
      { name: 'RunOptions', file: join('src', 'run.ts') },
      { name: 'RunOptions.verbose', file: join('src', 'run.ts') },
      { name: 'Runner.start', file: join('src', 'run.ts') },
      { name: 'helper', file: join('src', 'run.ts') },
    ]);
    // Other, Mode, RunOptions (+2 members), Runner (+2 public members: not #secret, hidden or the constructor),
    // VERSION, helper, main.
    expect(checked).toBe(11);
  });

  it('fails api:check and api:update on them, and passes once each is documented', () => {
    const repo = tempRepo(['package.json', 'scripts/api-report.mjs', 'scripts/api-report', 'scripts/lib']);
    try {
      repo.write(
        'packages/tool/package.json',
        JSON.stringify({ name: '@cbr-sdk/tool', version: '1.0.0', bin: { tool: './bin/tool.mjs' } }),
      );
      repo.write('packages/tool/src/run.ts', TOOL_SOURCE);
      // Another package, left out by --package: its undocumented export is not reported.
      repo.write(
        'packages/other/package.json',
        JSON.stringify({ name: '@cbr-sdk/other', version: '1.0.0', bin: { other: './bin/other.mjs' } }),
      );
      repo.write('packages/other/src/other.ts', 'export const notReported = 1;\n');
      // api:update as the command, as a maintainer runs it on one package (named by its folder); api:check in process.
      const command = repo.node('scripts/api-report.mjs', ['--update', '--package', 'tool']);
      const inProcess = runApiReport({ root: repo.dir, packages: ['@cbr-sdk/tool'] });
      for (const failed of [command, inProcess]) {
        expect(failed.status, failed.out).toBe(1);
        expect(failed.out).toContain('@cbr-sdk/tool: no library entry point in its exports map (a bin only)');
        expect(failed.out).toContain('FAIL @cbr-sdk/tool: 4 undocumented (no doc comment) in its public API:');
        expect(failed.out).toContain(`  undocumented @cbr-sdk/tool: Runner.start (${join('src', 'run.ts')})\n`);
        expect(failed.out).toContain(`  undocumented @cbr-sdk/tool: RunOptions.verbose (${join('src', 'run.ts')})\n`);
        expect(failed.out).not.toContain('@cbr-sdk/other');
      }
      expect(runApiReport({ root: repo.dir }).out).toContain('undocumented @cbr-sdk/other: notReported');
      const unknown = runApiReport({ root: repo.dir, packages: ['nope'] });
      expect(unknown.status).toBe(2);
      expect(unknown.out).toContain('api:check: no published package nope (there are @cbr-sdk/other, @cbr-sdk/tool)');
      repo.write(
        'packages/tool/src/run.ts',
        TOOL_SOURCE.replace('export interface RunOptions', '/** How the tool runs. */\nexport interface RunOptions')
          .replace('  verbose?: boolean;', '  /** Print more (default: off). */\n  verbose?: boolean;')
          .replace('  start(): void {}', '  /** Starts it. */\n  start(): void {}')
          .replace('export const helper', '/** Helps. */\nexport const helper'),
      );
      const passed = repo.node('scripts/api-report.mjs', ['--package', '@cbr-sdk/tool']);
      expect(passed.status, passed.out).toBe(0);
      expect(passed.out).toContain('ok   @cbr-sdk/tool: each of the 9 exports and members of src/ has a doc comment');
    } finally {
      repo.cleanup();
    }
  });
});

describe('undocumentedItems (reading a report)', () => {
  it('names each marked item with its parents, through namespaces, overloads and CRLF line ends', () => {
    const report = [
      '## API Report File for "x"',
      '',
      '```ts',
      "import { A } from 'a';",
      '',
      '// @public (undocumented)',
      'export class Box extends Base {',
      '    // (undocumented)',
      '    constructor(size: number);',
      '    // (undocumented)',
      '    protected readonly inner?: string;',
      '    /** documented */',
      '    open(): void;',
      '    // (undocumented)',
      '    static of(size: number): Box;',
      '    // (undocumented)',
      '    static of(size: string): Box;',
      '}',
      '',
      '// @public',
      'export interface Callable {',
      '    // (undocumented)',
      '    (data: unknown): boolean;',
      '    // (undocumented)',
      '    [key: string]: unknown;',
      '    // (undocumented)',
      "    'quoted-name': number;",
      '}',
      '',
      '// @public',
      'export namespace Outer {',
      '    // @public (undocumented)',
      '    export interface Inner {',
      '        // (undocumented)',
      '        leaf: number;',
      '    }',
      '}',
      '',
      '// @public (undocumented)',
      'export const LAST: {',
      '    readonly a: "a";',
      '};',
      '',
      '```',
    ].join('\r\n');
    expect(undocumentedItems(report)).toEqual([
      'Box',
      'Box.constructor',
      'Box.inner',
      'Box.of',
      'Callable.(call)',
      'Callable.[index]',
      "Callable.'quoted-name'",
      'Outer.Inner',
      'Outer.Inner.leaf',
      'LAST',
    ]);
  });

  it('finds nothing in a report with no marker', () => {
    expect(undocumentedItems('```ts\n// @public\nexport const A: 1;\n```\n')).toEqual([]);
  });
});

// A model property that refers to another schema gets its description through `allOf: [{ $ref }]` (a sibling
// of `$ref` is ignored in OpenAPI 3.0, by the generator too). check:compat must see that as documentation only.
describe('check:compat on a description given to a $ref property through allOf', () => {
  const spec = (property) => `openapi: 3.0.3
info: { title: t, version: 1.0.0 }
paths:
  /things:
    post:
      operationId: createThing
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: "#/components/schemas/Thing" }
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Thing" }
components:
  schemas:
    Thing:
      type: object
      description: A thing.
      required: [part]
      properties:
        part:
${property}
    Part:
      type: object
      description: A part.
      required: [id]
      properties:
        id: { type: string, description: The part's ID. }
`;

  it('is a documentation change (patch), not a removed and an added property', () => {
    const changes = specChanges({
      binary: ensureGoTool('oasdiff'),
      file: 'openapi/things.yaml',
      baseText: spec('          $ref: "#/components/schemas/Part"'),
      currentText: spec(
        '          description: The part of the thing.\n          allOf:\n            - $ref: "#/components/schemas/Part"',
      ),
    });
    expect(changes.map(({ kind, id }) => ({ kind, id }))).toEqual([{ kind: 'patch', id: 'documentation-changed' }]);
    expect(changes[0].text).toContain('components/schemas/Thing/properties/part/description');
  });
});
