// Where each published package says it comes from (repository, homepage, bugs), derived from ONE place: the
// `repository.url` of the root package.json. Setting it there and running `npm run metadata` fixes every package,
// including one added later.
import { join, relative } from 'node:path';
import { readJson, writeJson } from './files.mjs';
import { workspacePackages } from './workspace-packages.mjs';

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

/**
 * `npm run metadata` in process, on the repository at `root`: writes the fields into every published package.json
 * (and the root's), or with `check` changes nothing and fails where they differ; `forPublish` also refuses a
 * placeholder URL, or one that names another repository than `building` (GitHub Actions' GITHUB_REPOSITORY).
 * Returns { status: 0 or 1, stdout, stderr, out } (`out`: both, in order). scripts/package-metadata.mjs prints it.
 */
export function packageMetadata({ root, check = false, forPublish = false, building } = {}) {
  const lines = [];
  const print = (stream, text) => lines.push({ stream, text });
  const done = (status) => {
    const join = (wanted) =>
      lines
        .filter(({ stream }) => !wanted || stream === wanted)
        .map(({ text }) => `${text}\n`)
        .join('');
    return { status, stdout: join('stdout'), stderr: join('stderr'), out: join() };
  };
  const fail = (message) => {
    print('stderr', `metadata: ${message}`);
    return done(1);
  };
  const checking = check || forPublish;

  const rootPath = join(root, 'package.json');
  const rootManifest = readJson(rootPath);
  const url = typeof rootManifest.repository === 'string' ? rootManifest.repository : rootManifest.repository?.url;
  const parsed = parseRepositoryUrl(url);
  if (!parsed) {
    return fail(
      `the root package.json's repository.url (${url ?? 'missing'}) is not a GitHub repository URL such as ` +
        '"git+https://github.com/<owner>/<repo>.git": set it there, then run `npm run metadata`.',
    );
  }
  const branch = readJson(join(root, '.changeset', 'config.json')).baseBranch ?? 'main';

  const targets = [
    { path: rootPath, manifest: rootManifest, fields: rootFields(parsed) },
    ...workspacePackages(root)
      .filter((pkg) => pkg.published)
      .map((pkg) => ({
        path: join(pkg.dir, 'package.json'),
        manifest: pkg.manifest,
        fields: packageFields(parsed, pkg.folder, branch),
      })),
  ];

  const stale = [];
  for (const { path, manifest, fields } of targets) {
    const differing = differingFields(manifest, fields);
    if (differing.length === 0) continue;
    stale.push(`${relative(root, path)}: ${differing.join(', ')}`);
    if (!checking) writeJson(path, withFields(manifest, fields));
  }

  if (checking && stale.length > 0) {
    return fail(
      `these package.json fields differ from what the root's repository.url (${url}) gives:\n` +
        `${stale.map((line) => `  ${line}`).join('\n')}\nRun \`npm run metadata\` and commit the result.`,
    );
  }
  if (!checking) {
    print(
      'stdout',
      stale.length > 0 ? `metadata: updated\n  ${stale.join('\n  ')}` : 'metadata: every package.json agrees.',
    );
  }
  if (forPublish) {
    if (isPlaceholder(parsed)) {
      return fail(
        `refusing to publish: the repository URL is still the placeholder ${url}. Set repository.url in the root ` +
          'package.json to the real repository, run `npm run metadata`, and merge that first (RELEASING.md).',
      );
    }
    if (building && building.toLowerCase() !== `${parsed.owner}/${parsed.repo}`.toLowerCase()) {
      return fail(
        `refusing to publish: this workflow runs in ${building}, but the packages say they come from ` +
          `${parsed.owner}/${parsed.repo}; npm provenance would refuse them. Fix repository.url in the root package.json.`,
      );
    }
    print('stdout', `metadata: ready to publish from ${parsed.web}.`);
  } else if (check) {
    print('stdout', `metadata: every published package.json agrees with ${parsed.web}.`);
  }
  return done(0);
}
