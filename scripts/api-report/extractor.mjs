// One API Extractor run: the API report of one entry point, compared with (or written to) etc/<name>.api.md.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { apiExtractor } from './api-extractor.mjs';
import { createCompilerState } from './compiler-state.mjs';
import { undocumentedItems } from './undocumented.mjs';

// What is a problem in a report. Untagged exports are public (release tags are used only where they help, e.g.
// @internal, which the build strips from the published .d.ts); docs and their links are TypeDoc's business; the
// generated code's JSDoc is not TSDoc. A forgotten export (a type used but not exported) is written into the
// report as a warning line, so a reviewer sees it in the diff.
const MESSAGES = {
  compilerMessageReporting: { default: { logLevel: 'warning' } },
  extractorMessageReporting: {
    default: { logLevel: 'warning' },
    'ae-missing-release-tag': { logLevel: 'none' },
    'ae-undocumented': { logLevel: 'none' },
    // TypeDoc (npm run docs) checks the links with its own resolution, which accepts `{@link member}` in a class.
    'ae-unresolved-link': { logLevel: 'none' },
    'ae-forgotten-export': { logLevel: 'none', addToApiReportFile: true },
  },
  tsdocMessageReporting: { default: { logLevel: 'none' } },
};

// The compiler settings the analysis uses: only the entry point and what it imports, checked as consumers
// with strict settings would (API Extractor analyses with its own bundled TypeScript).
const compilerOptions = {
  target: 'ES2022',
  lib: ['ES2022', 'DOM'],
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  strict: true,
  skipLibCheck: true,
  types: ['node'],
};

/**
 * One TypeScript analysis for all the entry points of a package: each API Extractor run then reads its entry point
 * from it instead of compiling the same declarations again (what makes a run slow).
 */
export function sharedCompilerState({ pkg, entries, tempDir }) {
  const [first, ...others] = entries;
  return createCompilerState(
    prepare({ pkg, entry: first, tempDir }),
    others.map((entry) => entry.typesPath),
  );
}

function prepare({ pkg, entry, tempDir }) {
  const { ExtractorConfig } = apiExtractor();
  const reportFolder = join(pkg.dir, 'etc');
  mkdirSync(reportFolder, { recursive: true });
  return ExtractorConfig.prepare({
    configObject: {
      projectFolder: pkg.dir,
      mainEntryPointFilePath: entry.typesPath,
      compiler: { overrideTsconfig: { compilerOptions, files: [entry.typesPath] } },
      apiReport: {
        enabled: true,
        reportFolder,
        reportTempFolder: tempDir,
        reportFileName: entry.reportName,
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: MESSAGES,
    },
    configObjectFullPath: join(pkg.dir, 'api-extractor.json'),
    packageJsonFullPath: join(pkg.dir, 'package.json'),
  });
}

// A check's verdict depends only on the package's declarations and the committed report: the same inputs checked
// again in one process (the tests check the same copy before and after each edit) reuse the verdict.
const checked = new Map();

/** A fingerprint of what a check reads: every declaration file under dist/, the manifest and the report. */
function checkInputs(pkg, entry, reportPath) {
  const hash = createHash('sha256').update(`${entry.typesPath}\0`);
  const visit = (dir) => {
    for (const item of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, item.name);
      if (item.isDirectory()) visit(path);
      else if (/\.d\.[cm]?ts$/.test(item.name)) hash.update(`${relative(pkg.dir, path)}\0${readFileSync(path)}\0`);
    }
  };
  if (existsSync(join(pkg.dir, 'dist'))) visit(join(pkg.dir, 'dist'));
  hash.update(readFileSync(join(pkg.dir, 'package.json')));
  hash.update(existsSync(reportPath) ? readFileSync(reportPath) : '\0missing');
  return hash.digest('hex');
}

/**
 * Runs API Extractor on one entry point. `update`: write the report into `<package>/etc/`; otherwise compare
 * and leave the committed report alone. `analysis`: gives the package's {@link sharedCompilerState}.
 * Returns { changed, problems: [text], diff, reportPath, undocumented: [name] }, where undocumented names each
 * export or member without a doc comment (`CbrApiError.status`).
 */
export function extractReport({ pkg, entry, update, tempDir, analysis }) {
  const reportFolder = join(pkg.dir, 'etc');
  const reportPath = join(reportFolder, `${entry.reportName}.api.md`);
  const key = update ? undefined : checkInputs(pkg, entry, reportPath);
  if (key && checked.has(key)) {
    const verdict = checked.get(key);
    // The same inputs may sit in another copy (a test's): the verdict is theirs, the report path this one's.
    return { ...verdict, reportPath, problems: [...verdict.problems], undocumented: [...verdict.undocumented] };
  }
  const config = prepare({ pkg, entry, tempDir });
  const { Extractor } = apiExtractor();
  const problems = [];
  let diff = '';
  const result = Extractor.invoke(config, {
    compilerState: analysis?.(),
    localBuild: update,
    printApiReportDiff: !update,
    messageCallback(message) {
      message.handled = true;
      if (message.messageId === 'console-api-report-diff')
        diff = message.text.replace(/^Changes to the API report:\s*/, '');
      else if (message.category !== 'console' && (message.logLevel === 'warning' || message.logLevel === 'error')) {
        const where = message.sourceFilePath ? ` (${message.sourceFilePath}:${message.sourceFileLine})` : '';
        problems.push(`${message.messageId}: ${message.text}${where}`);
      } else if (message.category === 'console' && message.logLevel === 'error') problems.push(message.text);
    },
  });
  // API Extractor writes the report it made into the temp folder in both modes, before comparing.
  const undocumented = undocumentedItems(readFileSync(join(tempDir, `${entry.reportName}.api.md`), 'utf8'));
  const verdict = { changed: result.apiReportChanged, problems, diff, reportPath, undocumented };
  if (key) checked.set(key, verdict);
  return { ...verdict, problems: [...problems], undocumented: [...undocumented] };
}
