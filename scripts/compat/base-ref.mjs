// Which commit check:compat compares the working tree with. Default: the last release of the generated package
// (its changesets tag), else where this branch left main, else HEAD. Each fallback says why, because CI clones
// are often shallow, without tags, or without a local `main`.
import { run } from '../lib/process.mjs';

const git = (cwd, args) => run('git', args, { cwd });
const short = (sha) => sha.slice(0, 12);

function commitOf(cwd, ref) {
  const result = git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  return result.ok ? result.stdout.trim() : undefined;
}

/** The newest `<package>@<version>` tag reachable from HEAD (what `changeset publish` tags), if any. */
function releaseTag(cwd, packageName) {
  const result = git(cwd, ['describe', '--tags', '--abbrev=0', '--match', `${packageName}@*`, 'HEAD']);
  return result.ok ? result.stdout.trim() : undefined;
}

/** main, or origin/main in a clone that has only the remote-tracking branch. */
function mainBranch(cwd) {
  for (const ref of ['refs/heads/main', 'refs/remotes/origin/main']) {
    if (commitOf(cwd, ref)) return ref.replace(/^refs\/(heads|remotes)\//, '');
  }
  return undefined;
}

function mergeBaseWithMain(cwd, notes) {
  // Where a local main exists and shares history with HEAD (the usual case), one git run answers.
  const direct = git(cwd, ['merge-base', 'HEAD', 'refs/heads/main']);
  if (direct.ok) {
    const sha = direct.stdout.trim();
    return { sha, label: `the merge-base of HEAD and main (${short(sha)})` };
  }
  const main = mainBranch(cwd);
  if (!main) {
    notes.push('this clone has no `main` branch (neither main nor origin/main), so there is no merge-base to use');
    return undefined;
  }
  const result = git(cwd, ['merge-base', 'HEAD', main]);
  if (!result.ok) {
    notes.push(
      `HEAD and ${main} have no common commit in this clone (a shallow clone? \`git fetch --unshallow\` fixes it)`,
    );
    return undefined;
  }
  const sha = result.stdout.trim();
  return { sha, label: `the merge-base of HEAD and ${main} (${short(sha)})` };
}

function head(cwd, notes) {
  const sha = commitOf(cwd, 'HEAD');
  if (!sha) throw new Error('this repository has no commit yet: nothing to compare the specs with');
  if (notes.length > 0) notes.push('comparing with HEAD instead: only uncommitted changes are checked');
  return { sha, label: `HEAD (${short(sha)})` };
}

/**
 * Resolves the base: `base` (any git ref) when given; with `mergeBase`, the merge-base with main else HEAD;
 * otherwise the last release tag, else the merge-base with main, else HEAD. Returns { sha, label, notes }.
 */
export function resolveBase({ cwd, base, mergeBase = false, packageName }) {
  const notes = [];
  if (base) {
    const sha = commitOf(cwd, base);
    if (!sha) throw new Error(`--base ${base}: no such commit, branch or tag in this clone`);
    return { sha, label: `${base} (${short(sha)})`, notes };
  }
  if (!mergeBase) {
    const tag = releaseTag(cwd, packageName);
    if (tag) {
      const sha = commitOf(cwd, tag);
      return { sha, label: `the last release, ${tag} (${short(sha)})`, notes };
    }
    notes.push(
      `no release tag ${packageName}@* is reachable from HEAD (nothing released yet, or a clone without tags)`,
    );
  }
  const found = mergeBaseWithMain(cwd, notes);
  return { ...(found ?? head(cwd, notes)), notes };
}
