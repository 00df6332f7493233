#!/usr/bin/env node
// `npm run check:compat`: what the spec edits since a base commit do to the people who use the generated
// client, and whether the pending changesets bump the packages far enough for it.
//   -- --base <ref>    compare with this commit, branch or tag
//   -- --merge-base    compare with the merge-base of HEAD and main (else HEAD): what CI does
//   -- --json          one JSON document instead of the report
// Default base: the last release tag of the generated package, else the merge-base with main, else HEAD.
// Exit code: 0 when the changesets are enough (or no spec changed), 1 when they are not, 2 when it cannot tell.
import { parseArgs } from 'node:util';
import { check, print } from './compat/check.mjs';

const { values } = parseArgs({
  options: { base: { type: 'string' }, 'merge-base': { type: 'boolean' }, json: { type: 'boolean' } },
});
try {
  const result = check({ base: values.base, mergeBase: values['merge-base'] });
  console.log(values.json ? JSON.stringify(result, null, 2) : print(result));
  process.exit(result.ok ? 0 : 1);
} catch (error) {
  console.error(`check:compat: ${error.message}`);
  process.exit(2);
}
