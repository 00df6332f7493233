// Every third-party action a workflow runs is pinned by a full commit SHA, with the version it is in a comment
// (`uses: actions/checkout@<40 hex> # v6.1.0`): a moved tag cannot change what runs, and Dependabot can still
// tell the version and propose the next one. Local actions (`./…`) and docker images are exempt.

const USES = /^\s*(?:-\s+)?uses:\s*(\S+?)\s*(?:#\s*(\S.*?))?\s*$/;

/** The lines of a workflow's text whose `uses:` is not pinned that way: { line, uses, why }. */
export function unpinnedActions(text) {
  const problems = [];
  text.split('\n').forEach((content, index) => {
    const match = USES.exec(content);
    if (!match) return;
    const [, uses, comment] = match;
    if (uses.startsWith('./') || uses.startsWith('docker://')) return;
    const ref = uses.split('@')[1];
    if (!ref || !/^[0-9a-f]{40}$/.test(ref)) {
      problems.push({ line: index + 1, uses, why: 'not pinned by a full commit SHA' });
    } else if (!comment || !/^v?\d+(\.\d+)*/.test(comment)) {
      problems.push({ line: index + 1, uses, why: 'no version in a comment after the SHA (`# v1.2.3`)' });
    }
  });
  return problems;
}
