// A throwaway git repository holding a copy of some of this repository's files, for tests that run the
// repository's scripts on edits they must not make to the real working tree. node_modules and the tool
// folders (.tools, .openapi-generator-jar) are symlinked, not copied: nothing is installed or built twice.
// The state a test asserts on is the test's own: every copied package is set to the version it names (not the
// repository's), and the pending changesets are exactly the ones it gives (the real ones are never copied).
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from '../../lib/generator-jar.mjs';
import { run } from '../../lib/process.mjs';

const LINKED = ['node_modules', '.tools', '.openapi-generator-jar'];

/** A changeset's text: `{ "@cbr-sdk/checkpoint-api": "minor" }` and a summary. */
export const changesetText = (bumps, summary = 'A change.') =>
  `---\n${Object.entries(bumps)
    .map(([name, bump]) => `"${name}": ${bump}`)
    .join('\n')}\n---\n\n${summary}\n`;

/** Sets the version of every package.json under packages/ in `dir` (published or not), and its internal ranges. */
export function setVersions(dir, version) {
  const packagesDir = join(dir, 'packages');
  if (!existsSync(packagesDir)) return;
  const manifests = readdirSync(packagesDir)
    .map((folder) => join(packagesDir, folder, 'package.json'))
    .filter((file) => existsSync(file));
  const names = new Set(manifests.map((file) => JSON.parse(readFileSync(file, 'utf8')).name));
  for (const file of manifests) {
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    manifest.version = version;
    for (const field of ['dependencies', 'peerDependencies', 'devDependencies']) {
      for (const name of Object.keys(manifest[field] ?? {})) {
        if (names.has(name)) manifest[field][name] = version;
      }
    }
    writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  }
}

/** Replaces the pending changesets of `dir` (.changeset/*.md but README.md) with `changesets` ({ name: bumps }). */
export function setChangesets(dir, changesets) {
  const changesetDir = join(dir, '.changeset');
  if (existsSync(changesetDir)) {
    for (const name of readdirSync(changesetDir)) {
      if (name.endsWith('.md') && name !== 'README.md') rmSync(join(changesetDir, name));
    }
  }
  for (const [name, bumps] of Object.entries(changesets)) {
    mkdirSync(changesetDir, { recursive: true });
    writeFileSync(join(changesetDir, `${name}.md`), changesetText(bumps));
  }
}

/**
 * Copies `paths` (files or folders, relative to the repository; node_modules inside them is skipped) into a new
 * git repository whose `main` branch has one commit of them. Returns helpers to edit, commit and run there.
 * - `version`: the version of every copied package (default 0.1.0): never the repository's own.
 * - `changesets`: the pending changesets, `{ name: { "@cbr-sdk/checkpoint-api": "minor" } }` (default none).
 * - `link`: which of node_modules, .tools and .openapi-generator-jar to symlink (default: all that exist).
 */
export function tempRepo(paths, { branch = 'main', link = LINKED, version = '0.1.0', changesets = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cbr-sdk-tooling-'));
  for (const path of paths) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    cpSync(join(repoRoot, path), join(dir, path), {
      recursive: true,
      filter: (source) => !source.includes(`${join('/', 'node_modules')}`),
    });
  }
  for (const name of link) {
    if (existsSync(join(repoRoot, name))) symlinkSync(join(repoRoot, name), join(dir, name));
  }
  writeFileSync(join(dir, '.gitignore'), `${LINKED.join('\n')}\n`, { flag: 'a' });
  setVersions(dir, version);
  setChangesets(dir, changesets);

  const git = (...args) => {
    const result = run('git', args, { cwd: dir });
    if (!result.ok) throw new Error(`git ${args.join(' ')}: ${result.out}`);
    return result.stdout.trim();
  };
  git('init', '--quiet', `--initial-branch=${branch}`);
  git('config', 'user.email', 'tests@example.invalid');
  git('config', 'user.name', 'tooling tests');
  git('config', 'commit.gpgsign', 'false');
  git('add', '-A');
  git('commit', '--quiet', '-m', 'base');

  const path = (file) => join(dir, file);
  return {
    dir,
    version,
    path,
    git,
    read: (file) => readFileSync(path(file), 'utf8'),
    write(file, text) {
      mkdirSync(dirname(path(file)), { recursive: true });
      writeFileSync(path(file), text);
    },
    remove: (file) => rmSync(path(file), { recursive: true, force: true }),
    commit(message = 'change') {
      git('add', '-A');
      git('commit', '--quiet', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD');
    },
    /** Runs `node <script> ...args` in the copy: { ok, status, out, stdout }. */
    node: (script, args = [], options = {}) => run(process.execPath, [script, ...args], { cwd: dir, ...options }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
