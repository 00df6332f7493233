// Where each published package says it comes from (repository, homepage, bugs), derived from ONE place: the
// `repository.url` of the root package.json. Setting it there and running `npm run metadata` fixes every package,
// including one added later.

/** Owners that mark the URL as not chosen yet; the release workflow refuses to publish with one of them. */
export const PLACEHOLDER_OWNERS = ['OWNER', 'your-org', 'example'];

/** { owner, repo, web } of a GitHub URL in any of npm's forms (git+https, https, git@, github:owner/repo). */
export function parseRepositoryUrl(url) {
  const match =
    /^(?:git\+)?(?:https?:\/\/|ssh:\/\/git@|git@)github\.com[/:]([^/]+)\/([^/#]+?)(?:\.git)?\/?$/.exec(url ?? '') ??
    /^github:([^/]+)\/([^/#]+)$/.exec(url ?? '');
  if (!match) return undefined;
  const [, owner, repo] = match;
  return { owner, repo, web: `https://github.com/${owner}/${repo}` };
}

export const isPlaceholder = (parsed) =>
  PLACEHOLDER_OWNERS.some((owner) => owner.toLowerCase() === parsed.owner.toLowerCase());

/** The fields every published package gets, for the package in packages/<folder>. */
export function packageFields({ web }, folder, branch) {
  return {
    repository: { type: 'git', url: `git+${web}.git`, directory: `packages/${folder}` },
    homepage: `${web}/tree/${branch}/packages/${folder}#readme`,
    bugs: { url: `${web}/issues` },
  };
}

/** The fields the root package.json gets beside its repository. */
export const rootFields = ({ web }) => ({
  repository: { type: 'git', url: `git+${web}.git` },
  homepage: `${web}#readme`,
  bugs: { url: `${web}/issues` },
});

/** `manifest` with `fields` set: existing keys keep their place, new ones go after `keywords` (or `license`). */
export function withFields(manifest, fields) {
  const missing = Object.keys(fields).filter((key) => !(key in manifest));
  const anchor = ['keywords', 'license', 'description'].find((key) => key in manifest);
  const result = {};
  for (const [key, value] of Object.entries(manifest)) {
    result[key] = key in fields ? fields[key] : value;
    if (key === anchor) for (const name of missing) result[name] = fields[name];
  }
  for (const name of missing) if (!(name in result)) result[name] = fields[name];
  return result;
}

/** The names of the fields of `manifest` that differ from `fields`. */
export const differingFields = (manifest, fields) =>
  Object.keys(fields).filter((key) => JSON.stringify(manifest[key]) !== JSON.stringify(fields[key]));
