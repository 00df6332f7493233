#!/usr/bin/env node
// The public API of every published package, reviewed as a file: `npm run api:check` compares what the built
// declarations export with the committed report (packages/<name>/etc/<name>.api.md, one per entry point:
// `@cbr-sdk/checkpoint-api/iam` is etc/checkpoint-api-iam.api.md) and fails, naming the package and showing the
// difference; `npm run api:update` rewrites the reports. Both build first (the reports are made from dist/).
// Both also fail on an export or member without a doc comment (the report's `(undocumented)`; for a bin-only
// package, the exports of its src/ modules), naming each: every public API is documented (what it is, its
// unit, its default), the generated models from the spec's descriptions.
//   --update          write the reports instead of comparing
//   --package <name>  only this package (repeatable)
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { entryPoints } from './api-report/entry-points.mjs';
import { undocumentedSourceExports } from './api-report/source-docs.mjs';
import { repoRoot } from './lib/generator-jar.mjs';
import { workspacePackages } from './lib/workspace-packages.mjs';

const { values } = parseArgs({
  options: { update: { type: 'boolean' }, package: { type: 'string', multiple: true }, root: { type: 'string' } },
});
const root = values.root ?? repoRoot;
const update = values.update === true;
const label = update ? 'api:update' : 'api:check';

const packages = workspacePackages(root).filter((pkg) => pkg.published);
for (const name of values.package ?? []) {
  if (!packages.some((pkg) => pkg.name === name)) {
    console.error(`${label}: no published package ${name} (there are ${packages.map((p) => p.name).join(', ')})`);
    process.exit(2);
  }
}

const tempDir = mkdtempSync(join(tmpdir(), 'cbr-sdk-api-report-'));
const failures = [];
const undocumentedIn = new Map();
try {
  for (const pkg of packages.filter((p) => !values.package || values.package.includes(p.name))) {
    const entries = entryPoints(pkg);
    if (entries.length === 0) {
      console.log(`${pkg.name}: no library entry point in its exports map (a bin only): no API report.`);
      // Its modules' exports are documented all the same, read from its sources.
      const { undocumented, checked } = undocumentedSourceExports(pkg.dir);
      if (undocumented.length > 0) {
        undocumentedIn.set(
          pkg.name,
          undocumented.map(({ name, file }) => `${name} (${file})`),
        );
      } else if (checked > 0)
        console.log(`ok   ${pkg.name}: each of the ${checked} exports and members of src/ has a doc comment`);
      continue;
    }
    for (const entry of entries) {
      const name = `${pkg.name}${entry.subpath === '.' ? '' : entry.subpath.slice(1)}`;
      if (!entry.built) {
        failures.push(name);
        console.log(`FAIL ${name}: ${relative(root, entry.typesPath)} is missing: run \`npm run build\` first.`);
        continue;
      }
      // Loaded when a report is made: API Extractor takes a while to load, and a bin-only package needs none.
      const { extractReport } = await import('./api-report/extractor.mjs');
      const { changed, problems, diff, reportPath, undocumented } = extractReport({ pkg, entry, update, tempDir });
      const report = relative(root, reportPath);
      if (problems.length > 0) failures.push(name);
      if (undocumented.length > 0) undocumentedIn.set(name, undocumented);
      if (update) console.log(`${changed ? 'updated  ' : 'unchanged'} ${report} (${name})`);
      else if (changed) {
        failures.push(name);
        console.log(`FAIL ${name}: its public API differs from ${report}:\n\n${diff || '(the report is missing)'}`);
      } else console.log(`ok   ${name}: matches ${report}`);
      for (const problem of problems) console.log(`  problem in ${name}: ${problem}`);
    }
    // A report left from an entry point that no longer exists.
    const etc = join(pkg.dir, 'etc');
    const expected = new Set(entries.map((entry) => `${entry.reportName}.api.md`));
    for (const file of existsSync(etc) ? readdirSync(etc).filter((f) => f.endsWith('.api.md')) : []) {
      if (expected.has(file)) continue;
      if (update) {
        rmSync(join(etc, file));
        console.log(`removed   ${relative(root, join(etc, file))} (no such entry point any more)`);
      } else {
        failures.push(pkg.name);
        console.log(`FAIL ${pkg.name}: ${relative(root, join(etc, file))} reports an entry point that is gone.`);
      }
    }
  }
} finally {
  rmSync(tempDir, { recursive: true, force: true });
}

const failed = [...new Set(failures)];
if (failed.length > 0 && !update) {
  console.log(
    `\n${label}: ${failed.join(', ')}: the public API differs from the committed report.\n` +
      'If the change is intended, run `npm run api:update`, review the diff of etc/*.api.md and commit it with a\n' +
      'changeset (a removed or changed export is breaking). Otherwise, change the code back.',
  );
} else if (failed.length > 0) {
  console.log(`\n${label}: fix the problems above (${failed.join(', ')}), then run it again.`);
}
// Undocumented items come last, one a line, so the list is what a reader sees at the end. api:update has
// written the reports all the same: the diff shows where each one is.
for (const [name, items] of undocumentedIn) {
  console.log(`\nFAIL ${name}: ${items.length} undocumented (no doc comment) in its public API:`);
  for (const item of items) console.log(`  undocumented ${name}: ${item}`);
}
if (undocumentedIn.size > 0) {
  console.log(
    `\n${label}: every export and public member needs a doc comment (TSDoc: what it is, its unit, its default).\n` +
      'Write one in the source; for a generated model, give the schema or property a `description` in\n' +
      'openapi/*.yaml (a `$ref` property: `allOf: [{ $ref }]` beside the description), then `npm run generate`;\n' +
      "for the generator's own code, a template override (`npm run templates -- unpack <template>`).",
  );
}
if (failed.length > 0 || undocumentedIn.size > 0) process.exit(1);
console.log(
  `${label}: ${update ? 'the reports are up to date' : 'every public API matches its report'}, and each export is documented.`,
);
