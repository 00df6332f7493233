// Runs a snippet in a fresh Node process against a package's build (dist/, what users get), as ES module or
// CommonJS, with the module probe preloaded (module-probe/register.mjs): the snippet's result comes back
// with the watched packages that the process had loaded when the snippet finished.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROBE = new URL('./module-probe/register.mjs', import.meta.url).href;
const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'];

export type ModuleFormat = 'esm' | 'cjs';

export interface FreshNodeResult<T> {
  /** What the snippet returned (JSON). */
  result: T;
  /** The watched packages loaded by the end of the snippet. */
  loaded: string[];
}

/**
 * Fails with what to run when a package's build is missing: these tests are about the built files (`npm test`
 * builds first; a package's own `vitest run` needs `npm run build` after a change to its sources).
 */
export function assertBuilt(packageDir: string): void {
  const built = [join(packageDir, 'dist', 'index.js'), join(packageDir, 'dist', 'index.cjs')];
  const missing = built.find((file) => !existsSync(file));
  if (missing) throw new Error(`${missing} is missing: run \`npm run build\` first`);
}

/**
 * Runs `body` (the statements of an async function that may `return` a JSON value) in a fresh `node`.
 * `load(specifier)` loads a module the way the format does: `require` in CommonJS, `import()` (the module
 * namespace) in ESM. `env` is added to an environment without any HTTP proxy variable.
 */
export function runInFreshNode<T>(
  format: ModuleFormat,
  body: string,
  { cwd, env = {}, watch = ['axios'] }: { cwd: string; env?: Record<string, string>; watch?: string[] },
): Promise<FreshNodeResult<T>> {
  const load = format === 'cjs' ? 'async (specifier) => require(specifier)' : '(specifier) => import(specifier)';
  const source = `const load = ${load};
(async () => {
${body}
})().then(
  (result) => process.stdout.write(JSON.stringify({ result, loaded: globalThis.loadedPackages() })),
  (error) => { console.error(error); process.exit(1); },
);`;
  const childEnv: Record<string, string | undefined> = { ...process.env, MODULE_PROBE_PACKAGES: watch.join(',') };
  for (const name of PROXY_VARIABLES) delete childEnv[name];
  Object.assign(childEnv, env);
  const args = ['--import', PROBE, ...(format === 'esm' ? ['--input-type=module'] : []), '-e', source];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd, env: childEnv, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`node (${format}) failed: ${error.message}\n${stderr}`));
        return;
      }
      try {
        resolve(JSON.parse(stdout) as FreshNodeResult<T>);
      } catch {
        reject(new Error(`node (${format}) printed no result: ${stdout}\n${stderr}`));
      }
    });
  });
}

/** The folder of a test file's package (the test file's URL is `import.meta.url`). */
export const packageDirOf = (testFileUrl: string) => fileURLToPath(new URL('..', testFileUrl));
