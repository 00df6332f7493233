// One API Extractor run: the API report of one entry point, compared with (or written to) etc/<name>.api.md.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { undocumentedItems } from './undocumented.mjs';

// What is a problem in a report. Untagged exports are public (release tags are used only where they help, e.g.
// @internal, which the build strips from the published .d.ts); links are TypeDoc's business; the generated
// code's JSDoc is not TSDoc. An undocumented export or member is a problem, found in the report itself (see
// undocumented.mjs) rather than from ae-undocumented, which names a member without its parent. A forgotten
// export (a type used but not exported) is written into the report as a warning line, so a reviewer sees it in
// the diff.
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
 * Runs API Extractor on one entry point. `update`: write the report into `<package>/etc/`; otherwise compare
 * and leave the committed report alone. Returns { changed, problems: [text], diff, undocumented: [name] }, where
 * undocumented names each export or member without a doc comment (`CbrApiError.status`).
 */
export function extractReport({ pkg, entry, update, tempDir }) {
  const reportFolder = join(pkg.dir, 'etc');
  mkdirSync(reportFolder, { recursive: true });
  const config = ExtractorConfig.prepare({
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
  const problems = [];
  let diff = '';
  const result = Extractor.invoke(config, {
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
  return {
    changed: result.apiReportChanged,
    undocumented,
    problems,
    diff,
    reportPath: join(reportFolder, `${entry.reportName}.api.md`),
  };
}
