// check:compat's verdict, in process: what the spec edits since a base commit do to the people who use the
// generated client, and whether the pending changesets bump the packages far enough for it. The command
// (scripts/check-compat.mjs) prints it; the tests call it on their own temporary repositories.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJson } from '../lib/files.mjs';
import { repoRoot } from '../lib/generator-jar.mjs';
import { ensureGoTool } from '../lib/go-tools.mjs';
import { run } from '../lib/process.mjs';
import { dependentsOf, workspacePackages } from '../lib/workspace-packages.mjs';
import { resolveBase } from './base-ref.mjs';
import { bumpsByPackage, fixedGroups, rank, readChangesets } from './changesets.mjs';
import { specChanges } from './spec-changes.mjs';

const SPEC_DIR = 'openapi';
const isSpec = (name) => /^[^/]+\.ya?ml$/.test(name);

// A commit's files never change, so the specs of a base already read are read from here: a process that checks
// again against the same commit (the tests check many edits against one) spawns no git for them.
const specsAtCommit = new Map();
const MAX_COMMITS = 50;

/** The spec files (openapi/*.yaml) at commit `sha`: { name: text }. */
function specsAt(root, sha) {
  if (!specsAtCommit.has(sha)) {
    const listed = run('git', ['ls-tree', '--name-only', `${sha}:${SPEC_DIR}`], { cwd: root });
    const texts = {};
    for (const name of listed.ok ? listed.stdout.split('\n').filter(isSpec) : []) {
      const shown = run('git', ['show', `${sha}:${SPEC_DIR}/${name}`], { cwd: root });
      if (!shown.ok) throw new Error(`git show ${sha}:${SPEC_DIR}/${name} failed: ${shown.out}`);
      texts[name] = shown.stdout;
    }
    if (specsAtCommit.size >= MAX_COMMITS) specsAtCommit.delete(specsAtCommit.keys().next().value);
    specsAtCommit.set(sha, texts);
  }
  return specsAtCommit.get(sha);
}

/** The spec files (openapi/*.yaml) at the base and in the working tree, with their texts (null: absent). */
function specTexts(root, baseSha) {
  const atBase = specsAt(root, baseSha);
  const dir = join(root, SPEC_DIR);
  const now = existsSync(dir) ? readdirSync(dir).filter(isSpec) : [];
  return [...new Set([...Object.keys(atBase), ...now])].sort().map((name) => ({
    file: `${SPEC_DIR}/${name}`,
    baseText: atBase[name] ?? null,
    currentText: now.includes(name) ? readFileSync(join(dir, name), 'utf8') : null,
  }));
}

/** The bump the changes need, and why: breaking is major, or minor while the package is 0.x (RELEASING.md). */
function neededBump(changes, version) {
  const kinds = new Set(changes.map((change) => change.kind));
  if (kinds.has('breaking')) {
    return version.startsWith('0.')
      ? {
          bump: 'minor',
          why: `breaking changes; the package is at ${version}, and while it is 0.x a breaking change is a minor release`,
        }
      : { bump: 'major', why: 'breaking changes' };
  }
  if (kinds.has('addition')) return { bump: 'minor', why: 'additions' };
  if (kinds.has('patch')) return { bump: 'patch', why: 'changes that break and add nothing' };
  return { bump: 'none', why: 'no change a client can see' };
}

/**
 * The verdict for the repository at `root` (default: this one): its specs at the base against its working tree,
 * and its pending changesets against what the changes need at its generated package's version. No output, no
 * exit: `npm run check:compat` prints it, the tests read it.
 */
export function check({ root = repoRoot, base, mergeBase } = {}) {
  const generated = readJson(join(root, 'packages', 'checkpoint-api', 'package.json'));
  const resolved = resolveBase({ cwd: root, base, mergeBase, packageName: generated.name });
  const specs = specTexts(root, resolved.sha).map((spec) => ({ ...spec, changed: spec.baseText !== spec.currentText }));
  const report = { base: resolved, specs: specs.map(({ file, changed }) => ({ file, changed })), changes: [] };
  if (!specs.some((spec) => spec.changed)) return { ...report, needed: neededBump([], generated.version), ok: true };

  const binary = ensureGoTool('oasdiff');
  for (const spec of specs.filter((s) => s.changed)) report.changes.push(...specChanges({ binary, ...spec }));
  const needed = neededBump(report.changes, generated.version);

  const changesetDir = join(root, '.changeset');
  const changesets = readChangesets(changesetDir);
  const packages = workspacePackages(root);
  const bumps = bumpsByPackage(
    changesets,
    fixedGroups(changesetDir),
    packages.filter((p) => p.published).map((p) => p.name),
  );
  // The generated package's own changelog must say what changed, so a changeset has to name it; the packages that
  // depend on it only need the bump (named, or given by a fixed group).
  const required = [
    { name: generated.name, rule: 'named', got: bumps[generated.name]?.named ?? 'none' },
    ...dependentsOf(generated.name, packages).map((name) => ({ name, rule: 'effective', got: bumps[name].effective })),
  ].map((pkg) => ({ ...pkg, needed: needed.bump, ok: rank(pkg.got) >= rank(needed.bump) }));
  return {
    ...report,
    needed,
    changesets: changesets.map(({ file, releases }) => ({ file, releases })),
    groups: fixedGroups(changesetDir),
    packages: required,
    ok: required.every((pkg) => pkg.ok),
  };
}

const KIND_LABEL = { breaking: 'BREAKING', addition: 'addition', patch: 'patch' };

function suggestedChangeset(result) {
  const lines = result.packages.map((pkg) => `"${pkg.name}": ${result.needed.bump}`);
  const summary = result.changes.map((c) => `- ${c.kind === 'breaking' ? 'Breaking: ' : ''}${c.text}`);
  return ['---', ...lines, '---', '', '<what changed for users, e.g.:>', ...summary].join('\n');
}

/** The report a person reads, for a result of {@link check}. */
export function print(result) {
  const out = [];
  out.push(`check:compat: the specs under ${SPEC_DIR}/ at ${result.base.label} → the working tree`);
  for (const note of result.base.notes) out.push(`  note: ${note}`);
  for (const spec of result.specs) {
    const changes = result.changes.filter((c) => c.spec === spec.file);
    const count = `${changes.length || 'no'} change${changes.length === 1 ? '' : 's'} a client can see`;
    out.push(`${spec.file}: ${spec.changed ? count : 'unchanged'}`);
    for (const c of changes) {
      out.push(`  ${KIND_LABEL[c.kind].padEnd(8)}  ${c.operation ? `${c.operation}: ` : ''}${c.text}  [${c.id}]`);
    }
  }
  if (!result.packages) {
    out.push(
      result.specs.some((s) => s.changed)
        ? 'PASS: no change a client can see, so no changeset is needed.'
        : 'PASS: no spec changed, so no changeset is needed.',
    );
    return out.join('\n');
  }
  out.push('', `Needed: a ${result.needed.bump} release (${result.needed.why}).`);
  out.push('Pending changesets:');
  if (result.changesets.length === 0) out.push('  (none)');
  for (const cs of result.changesets) {
    out.push(
      `  ${cs.file}: ${
        Object.entries(cs.releases)
          .map(([name, bump]) => `${name} ${bump}`)
          .join(', ') || '(empty)'
      }`,
    );
  }
  for (const group of result.groups) out.push(`  fixed group ${group.join(', ')}: each member gets its highest bump`);
  for (const pkg of result.packages) {
    const how = pkg.rule === 'named' ? 'the changesets that name it give' : 'will get';
    out.push(`  ${pkg.ok ? 'ok  ' : 'LOW '} ${pkg.name}: ${how} ${pkg.got}, needs ${pkg.needed}`);
  }
  if (result.ok) {
    out.push(`PASS: the pending changesets bump every package at least to ${result.needed.bump}.`);
  } else {
    out.push(
      '',
      `FAIL: the pending changesets do not release these spec changes as at least a ${result.needed.bump}.`,
      'Add a changeset (`npm run changeset`, or save this as .changeset/<a-name>.md and write the text users read):',
      '',
      suggestedChangeset(result),
      '',
      `(or raise the bump of an existing changeset that already describes the change; RELEASING.md says which bump)`,
    );
  }
  return out.join('\n');
}
