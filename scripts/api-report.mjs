#!/usr/bin/env node
// The public API of every published package, reviewed as a file: `npm run api:check` compares what the built
// declarations export with the committed report (packages/<name>/etc/<name>.api.md, one per entry point:
// `@cbr-sdk/checkpoint-api/iam` is etc/checkpoint-api-iam.api.md) and fails, naming the package and showing the
// difference; `npm run api:update` rewrites the reports. Both build first (the reports are made from dist/).
// Both also fail on an export or member without a doc comment (the report's `(undocumented)`; for a bin-only
// package, the exports of its src/ modules), naming each: every public API is documented (what it is, its
// unit, its default), the generated models from the spec's descriptions.
//   --update          write the reports instead of comparing
//   --package <name>  only this package (repeatable), named as in its manifest or by its folder under packages/:
//                     `npm run api:check -- --package checkpoint` checks @cbr-sdk/checkpoint alone (quicker while
//                     working on one package; the build before it is still of every package)
import { parseArgs } from 'node:util';
import { apiReport } from './api-report/run.mjs';

const { values } = parseArgs({
  options: { update: { type: 'boolean' }, package: { type: 'string', multiple: true }, root: { type: 'string' } },
});
const { status, out } = apiReport({ root: values.root, update: values.update === true, packages: values.package });
process.stdout.write(out);
process.exit(status);
