// The changes between two versions of one spec, as oasdiff reports them, classified from the point of view of
// code that uses the generated client: breaking, an addition, or a patch (a loosened constraint, a description).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../lib/process.mjs';
import { severityLevelsFile } from './oasdiff-levels.mjs';

/** What a spec that does not exist on one side is compared as: no operations, no schemas. */
const EMPTY_SPEC = 'openapi: 3.0.3\ninfo:\n  title: (no spec)\n  version: 0.0.0\npaths: {}\n';

const LEVELS = { 3: 'ERR', 2: 'WARN', 1: 'INFO' };

function oasdiff(binary, args) {
  const result = run(binary, args);
  if (!result.ok) throw new Error(`oasdiff ${args.join(' ')} failed:\n${result.out.trim()}`);
  return result.stdout;
}

let checksById;
/** oasdiff's own description of each check (its actions: add, remove, change, …), read once. */
function checks(binary) {
  checksById ??= new Map(JSON.parse(oasdiff(binary, ['checks', 'changelog', '-f', 'json'])).map((c) => [c.id, c]));
  return checksById;
}

/**
 * breaking: ERR or WARN after our severity overrides; addition: an INFO change that adds something (an
 * operation, an optional field, an enum value of a request); patch: any other INFO change.
 */
function kindOf(change, binary) {
  const level = LEVELS[change.level] ?? 'ERR';
  if (level !== 'INFO') return 'breaking';
  return checks(binary).get(change.id)?.actions?.includes('add') ? 'addition' : 'patch';
}

/** The leaves of `oasdiff diff` JSON ("components/schemas/X/properties/name/description"), for a summary. */
function diffLeaves(node, path = [], out = []) {
  if (!node || typeof node !== 'object') return out;
  if ('from' in node && 'to' in node) {
    out.push(path.join('/'));
    return out;
  }
  for (const [key, value] of Object.entries(node)) {
    if (Array.isArray(value)) {
      for (const item of value)
        out.push([...path, key === 'added' || key === 'deleted' ? `${key} ${item}` : key].join('/'));
    } else diffLeaves(value, ['modified', 'added', 'deleted'].includes(key) ? path : [...path, key], out);
  }
  return out;
}

// The same two texts give the same changes: a process that asks again (the tests ask for each edit at several
// versions and with several changesets) runs oasdiff once per pair.
const remembered = new Map();
const MAX_REMEMBERED = 200;

/**
 * Compares two texts of a spec (either may be null: the spec did not exist). Returns the changes, each
 * { kind, id, level, text, operation? } with duplicates (one per response that shares a schema) removed.
 */
export function specChanges({ binary, file, baseText, currentText }) {
  const key = createHash('sha256')
    .update(JSON.stringify([binary, file, baseText, currentText]))
    .digest('hex');
  if (!remembered.has(key)) {
    if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value);
    remembered.set(key, compare({ binary, file, baseText, currentText }));
  }
  return structuredClone(remembered.get(key));
}

function compare({ binary, file, baseText, currentText }) {
  const dir = mkdtempSync(join(tmpdir(), 'cbr-sdk-compat-'));
  try {
    const basePath = join(dir, 'base.yaml');
    const currentPath = join(dir, 'current.yaml');
    const levelsPath = join(dir, 'levels.txt');
    writeFileSync(basePath, baseText ?? EMPTY_SPEC);
    writeFileSync(currentPath, currentText ?? EMPTY_SPEC);
    writeFileSync(levelsPath, severityLevelsFile());
    // allOf merged before comparing: a property that wraps its `$ref` in `allOf` to carry a description is the
    // same contract, not a removed property and an added one.
    const common = ['--allow-external-refs=false', '--flatten-allof', '-f', 'json'];
    const changelog = JSON.parse(
      oasdiff(binary, ['changelog', basePath, currentPath, ...common, '--severity-levels', levelsPath]) || '[]',
    );
    const seen = new Set();
    const changes = [];
    for (const change of changelog) {
      const operation = change.operation ? `${change.operation} ${change.path}` : undefined;
      const key = `${change.id}\0${operation}\0${change.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const kind = kindOf(change, binary);
      changes.push({
        spec: file,
        kind,
        id: change.id,
        level: LEVELS[change.level] ?? 'ERR',
        text: change.text,
        operation,
      });
    }
    if (changes.length === 0) {
      // No check fired: descriptions, examples, summaries… still change the generated code's comments.
      const all = diffLeaves(JSON.parse(oasdiff(binary, ['diff', basePath, currentPath, ...common]) || '{}'));
      // A change to a component shows again under every path that uses it: name the component only.
      const leaves = all.some((leaf) => leaf.startsWith('components/'))
        ? all.filter((leaf) => !leaf.startsWith('paths/'))
        : all;
      if (leaves.length > 0) {
        const shown = leaves.slice(0, 4).join(', ');
        changes.push({
          spec: file,
          kind: 'patch',
          id: 'documentation-changed',
          level: 'INFO',
          text: `changed with no effect on the contract (descriptions, examples…): ${shown}${leaves.length > 4 ? `, and ${leaves.length - 4} more` : ''}`,
        });
      }
    }
    return changes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
