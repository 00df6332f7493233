// api:check / api:update in process: compares (or rewrites) the API report of every entry point of every
// published package under `root`. `scripts/api-report.mjs` is the command; the tests call this on their copies.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { repoRoot } from '../lib/generator-jar.mjs';
import { workspacePackages } from '../lib/workspace-packages.mjs';
import { entryPoints } from './entry-points.mjs';
import { extractReport, sharedCompilerState } from './extractor.mjs';
import { undocumentedSourceExports } from './source-docs.mjs';

/**
 * Checks (or with `update`, rewrites) the reports. `packages`: only these packages, each named as in its manifest
 * or by its folder under packages/ (`@cbr-sdk/checkpoint` or `checkpoint`). Returns
 * { status: 0 ok, 1 differs or a problem, 2 bad arguments; out: the report a person reads }.
 */
export function apiReport({ root = repoRoot, update = false, packages: only } = {}) {
  const lines = [];
  const log = (line) => lines.push(line);
  const label = update ? 'api:update' : 'api:check';
  const done = (status) => ({ status, out: `${lines.join('\n')}\n` });

  const packages = workspacePackages(root).filter((pkg) => pkg.published);
  // A package is named as in its manifest (`@cbr-sdk/checkpoint`) or by its folder (`checkpoint`).
  const named = (pkg, name) => pkg.name === name || pkg.folder === name;
  for (const name of only ?? []) {
    if (!packages.some((pkg) => named(pkg, name))) {
      log(`${label}: no published package ${name} (there are ${packages.map((p) => p.name).join(', ')})`);
      return done(2);
    }
  }

  const tempDir = mkdtempSync(join(tmpdir(), 'cbr-sdk-api-report-'));
  const failures = [];
  const undocumentedIn = new Map();
  try {
    for (const pkg of packages.filter((p) => !only || only.some((name) => named(p, name)))) {
      const entries = entryPoints(pkg);
      if (entries.length === 0) {
        log(`${pkg.name}: no library entry point in its exports map (a bin only): no API report.`);
        // Its modules' exports are documented all the same, read from its sources.
        const { undocumented, checked } = undocumentedSourceExports(pkg.dir);
        if (undocumented.length > 0) {
          undocumentedIn.set(
            pkg.name,
            undocumented.map(({ name, file }) => `${name} (${file})`),
          );
        } else if (checked > 0)
          log(`ok   ${pkg.name}: each of the ${checked} exports and members of src/ has a doc comment`);
        continue;
      }
      const built = entries.filter((entry) => entry.built);
      // Made on first need: a check whose inputs were all checked before in this process needs no analysis.
      let compilerState;
      const analysis = () => {
        compilerState ??= sharedCompilerState({ pkg, entries: built, tempDir });
        return compilerState;
      };
      for (const entry of entries) {
        const name = `${pkg.name}${entry.subpath === '.' ? '' : entry.subpath.slice(1)}`;
        if (!entry.built) {
          failures.push(name);
          log(`FAIL ${name}: ${relative(root, entry.typesPath)} is missing: run \`npm run build\` first.`);
          continue;
        }
        const { changed, problems, diff, reportPath, undocumented } = extractReport({
          pkg,
          entry,
          update,
          tempDir,
          analysis,
        });
        const report = relative(root, reportPath);
        if (problems.length > 0) failures.push(name);
        if (undocumented.length > 0) undocumentedIn.set(name, undocumented);
        if (update) log(`${changed ? 'updated  ' : 'unchanged'} ${report} (${name})`);
        else if (changed) {
          failures.push(name);
          log(`FAIL ${name}: its public API differs from ${report}:\n\n${diff || '(the report is missing)'}`);
        } else log(`ok   ${name}: matches ${report}`);
        for (const problem of problems) log(`  problem in ${name}: ${problem}`);
      }
      // A report left from an entry point that no longer exists.
      const etc = join(pkg.dir, 'etc');
      const expected = new Set(entries.map((entry) => `${entry.reportName}.api.md`));
      for (const file of existsSync(etc) ? readdirSync(etc).filter((f) => f.endsWith('.api.md')) : []) {
        if (expected.has(file)) continue;
        if (update) {
          rmSync(join(etc, file));
          log(`removed   ${relative(root, join(etc, file))} (no such entry point any more)`);
        } else {
          failures.push(pkg.name);
          log(`FAIL ${pkg.name}: ${relative(root, join(etc, file))} reports an entry point that is gone.`);
        }
      }
    }
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }

  // Undocumented items come last, one a line, so the list is what a reader sees at the end. api:update has
  // written the reports all the same: the diff shows where each one is.
  const undocumentedReport = () => {
    for (const [name, items] of undocumentedIn) {
      log(`\nFAIL ${name}: ${items.length} undocumented (no doc comment) in its public API:`);
      for (const item of items) log(`  undocumented ${name}: ${item}`);
    }
    if (undocumentedIn.size === 0) return;
    log(
      `\n${label}: every export and public member needs a doc comment (TSDoc: what it is, its unit, its default).\n` +
        'Write one in the source; for a generated model, give the schema or property a `description` in\n' +
        'openapi/*.yaml (a `$ref` property: `allOf: [{ $ref }]` beside the description), then `npm run generate`;\n' +
        "for the generator's own code, a template override (`npm run templates -- unpack <template>`).",
    );
  };
  if (failures.length > 0 && !update) {
    log(
      `\n${label}: ${[...new Set(failures)].join(', ')}: the public API differs from the committed report.\n` +
        'If the change is intended, run `npm run api:update`, review the diff of etc/*.api.md and commit it with a\n' +
        'changeset (a removed or changed export is breaking). Otherwise, change the code back.',
    );
    undocumentedReport();
    return done(1);
  }
  if (failures.length > 0) {
    log(`\n${label}: fix the problems above (${[...new Set(failures)].join(', ')}), then run it again.`);
    undocumentedReport();
    return done(1);
  }
  if (undocumentedIn.size > 0) {
    undocumentedReport();
    return done(1);
  }
  log(
    `${label}: ${update ? 'the reports are up to date' : 'every public API matches its report'}, and each export is documented.`,
  );
  return done(0);
}
