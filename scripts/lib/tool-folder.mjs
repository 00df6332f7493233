// A folder with its own package.json and lockfile, for a heavy tool that a test script needs but that stays out
// of the root devDependencies (verdaccio for test:release; Bun, Deno and playwright-core for test:runtimes).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readJson } from './files.mjs';
import { run } from './process.mjs';

/** `name@version` of each dependency that is missing or not at its pinned version in `dir`'s node_modules. */
export function staleDependencies(dir) {
  const wanted = readJson(join(dir, 'package.json')).dependencies;
  return Object.entries(wanted)
    .filter(([name, version]) => {
      const installed = join(dir, 'node_modules', name, 'package.json');
      return !existsSync(installed) || readJson(installed).version !== version;
    })
    .map(([name, version]) => `${name}@${version}`);
}

/**
 * Installs `dir` from its lockfile (`npm ci --prefix dir`) unless everything is already there at its pinned
 * version. Returns { ok, out, installed }: `installed` is false when nothing had to be done.
 */
export function installToolFolder(dir) {
  if (staleDependencies(dir).length === 0) return { ok: true, out: '', installed: false };
  const result = run('npm', ['ci', '--prefix', dir, '--no-audit', '--no-fund', '--prefer-offline']);
  const stale = result.ok ? staleDependencies(dir) : [];
  if (stale.length > 0) return { ok: false, out: `${result.out}\nstill missing: ${stale.join(', ')}`, installed: true };
  return { ...result, installed: true };
}
