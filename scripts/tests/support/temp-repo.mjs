// A throwaway git repository holding a copy of some of this repository's files, for tests that run the
// repository's scripts on edits they must not make to the real working tree. node_modules and the tool
// folders (.tools, .openapi-generator-jar) are symlinked, not copied: nothing is installed or built twice.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from '../../lib/generator-jar.mjs';
import { run } from '../../lib/process.mjs';

const LINKED = ['node_modules', '.tools', '.openapi-generator-jar'];

/**
 * Copies `paths` (files or folders, relative to the repository; node_modules inside them is skipped) into a new
 * git repository whose `main` branch has one commit of them. Returns helpers to edit, commit and run there.
 * `link`: which of node_modules, .tools and .openapi-generator-jar to symlink (default: all that exist).
 */
export function tempRepo(paths, { branch = 'main', link = LINKED } = {}) {
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
