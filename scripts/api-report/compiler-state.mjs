// The TypeScript analysis API Extractor reads, made as its CompilerState.create makes it, with one difference:
// the files of installed packages (TypeScript's lib.*.d.ts, @types/node: some 5 MB of declarations) are parsed
// once per process instead of once per analysis. Parsing them was most of an analysis's cost, paid again for
// each package of `api:check` and for each check a test makes. A parsed file is shared between programs the way
// TypeScript's language service shares one between projects; every analysis here has the same compiler options.
import { apiExtractor } from './api-extractor.mjs';

// Installed packages, which no check edits while it runs: { `${fileName}\0${parse settings}`: SourceFile }.
const installed = new Map();
const isInstalled = (fileName) => fileName.includes('/node_modules/');

/** A compiler host whose getSourceFile reuses an installed package's parsed file, and hides what API Extractor's hides. */
function compilerHost(options) {
  const { ExtractorConfig, ts } = apiExtractor();
  const host = ts.createCompilerHost(options);
  const defaults = { ...host };
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile) => {
    if (!isInstalled(fileName) || shouldCreateNewSourceFile)
      return defaults.getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
    const { languageVersion, impliedNodeFormat, jsDocParsingMode } =
      typeof languageVersionOrOptions === 'object'
        ? languageVersionOrOptions
        : { languageVersion: languageVersionOrOptions };
    const key = `${fileName}\0${languageVersion}\0${impliedNodeFormat}\0${jsDocParsingMode}`;
    if (!installed.has(key)) installed.set(key, defaults.getSourceFile(fileName, languageVersionOrOptions, onError));
    return installed.get(key);
  };
  // As API Extractor's host: a source file (.ts, .tsx, .js, .jsx) beside a .d.ts of the same name is hidden, so
  // that the declarations are analysed, not the sources.
  const dtsExists = new Map();
  host.fileExists = (fileName) => {
    const source = !ExtractorConfig.hasDtsFileExtension(fileName) && /^(.+)\.(?:ts|tsx|js|jsx)$/i.exec(fileName);
    if (source) {
      const dts = `${source[1]}.d.ts`;
      if (!dtsExists.has(dts)) dtsExists.set(dts, defaults.fileExists(dts));
      if (dtsExists.get(dts)) return false;
    }
    return defaults.fileExists(fileName);
  };
  return host;
}

/**
 * The analysis of `extractorConfig`'s entry point and `additionalEntryPoints` (absolute .d.ts paths), for
 * `Extractor.invoke`'s `compilerState`: as `CompilerState.create(extractorConfig, { additionalEntryPoints })`.
 */
export function createCompilerState(extractorConfig, additionalEntryPoints = []) {
  // The TypeScript API Extractor bundles (and analyses with), not the workspace's own.
  const { CompilerState, ExtractorConfig, ts } = apiExtractor();
  const commandLine = ts.parseJsonConfigFileContent(
    extractorConfig.overrideTsconfig,
    ts.sys,
    extractorConfig.projectFolder,
  );
  if (commandLine.errors.length > 0)
    throw new Error(`tsconfig: ${ts.flattenDiagnosticMessageText(commandLine.errors[0].messageText, '\n')}`);
  // As CompilerState.create: no redirection of the package's own .d.ts files back to its sources.
  delete commandLine.options.outDir;
  delete commandLine.options.declarationDir;
  const rootNames = [
    ...new Set([...commandLine.fileNames, extractorConfig.mainEntryPointFilePath, ...additionalEntryPoints]),
  ].filter((file) => ExtractorConfig.hasDtsFileExtension(file));
  const program = ts.createProgram(rootNames, commandLine.options, compilerHost(commandLine.options));
  // CompilerState's constructor is private in its typings, public in its code: create() does no more than this.
  return new CompilerState({ program });
}
