// Files the credential sources read (the credentials file, ID token files, pod identity's token file), through
// process.getBuiltinModule, so browser bundles never see a `node:` import. Outside Node (and Bun, Deno) there
// are no files: the sources that need one say so.
import type * as Fs from 'node:fs';
import type * as Os from 'node:os';
import { CbrConfigError } from '../../errors/cbr-error.js';

interface NodeProcess {
  getBuiltinModule?: (name: string) => unknown;
}

function builtin<T>(name: string): T | undefined {
  const nodeProcess = (globalThis as { process?: NodeProcess }).process;
  return typeof nodeProcess?.getBuiltinModule === 'function' ? (nodeProcess.getBuiltinModule(name) as T) : undefined;
}

const fs = () => builtin<typeof Fs>('node:fs');

/** Whether `path` is a file that exists (false outside Node). */
export function fileExists(path: string): boolean {
  try {
    return fs()?.statSync(path).isFile() ?? false;
  } catch {
    return false;
  }
}

/**
 * The text of a file; `what` names it in the error (e.g. `HUAWEICLOUD_SDK_ID_TOKEN_FILE`). Read at every call,
 * never cached: projected tokens rotate.
 */
export async function readTextFile(path: string, what: string): Promise<string> {
  const files = fs();
  if (files === undefined) throw new CbrConfigError(`${what}: files cannot be read in this runtime (${path})`);
  try {
    return await files.promises.readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new CbrConfigError(`${what}: cannot read ${path}${typeof code === 'string' ? ` (${code})` : ''}`);
  }
}

/** The user's home directory: `HOME` (or `USERPROFILE`) of `env`, else the system's. */
export function homeDirectory(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const fromEnv = env.HOME ?? env.USERPROFILE;
  if (fromEnv) return fromEnv;
  try {
    return builtin<typeof Os>('node:os')?.homedir();
  } catch {
    return undefined;
  }
}

/** The process's environment, or an empty one outside Node. */
export const processEnv = (): Readonly<Record<string, string | undefined>> =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
