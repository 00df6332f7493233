// Runs the built `cbr` (bin/cbr.cjs → dist/) as a child process, as a user or a CI job would, with an
// environment made for the test alone (nothing inherited that could configure the client or colours).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/cbr.cjs', import.meta.url));

export interface CbrResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CbrRunOptions {
  env?: Record<string, string | undefined>;
  /** Written to the child's stdin, which is then closed; without it stdin is empty (closed at once). */
  stdin?: string;
}

/** An empty home: no ~/.huaweicloud/credentials of the machine's user reaches a test. */
const EMPTY_HOME = mkdtempSync(join(tmpdir(), 'cbr-cli-home-'));

/**
 * A closed port on this machine: where the default credential chain's last source, the ECS metadata service,
 * is asked in every test (never 169.254.169.254).
 */
export const CLOSED_METADATA_ENDPOINT = 'http://127.0.0.1:9';

/**
 * The variables every run starts from: a PATH and an empty HOME, the metadata service on a closed local port,
 * no proxy, no colour settings, no CI marker.
 */
export function baseEnv(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: EMPTY_HOME,
    HUAWEICLOUD_SDK_METADATA_ENDPOINT: CLOSED_METADATA_ENDPOINT,
    NO_PROXY: '127.0.0.1,localhost',
  };
}

/** A run's environment: {@link baseEnv} with the test's variables, those set to undefined removed. */
export function runEnv(options: CbrRunOptions): Record<string, string> {
  const env: Record<string, string | undefined> = { ...baseEnv(), ...options.env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  return env as Record<string, string>;
}

export interface RunningCbr {
  child: ChildProcess;
  /** Output so far. */
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves once stderr matches. */
  waitForStderr(pattern: RegExp): Promise<RegExpMatchArray>;
  done: Promise<CbrResult>;
}

export function startCbr(args: string[], options: CbrRunOptions = {}): RunningCbr {
  const child = spawn(process.execPath, [BIN, ...args], { env: runEnv(options), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const watchers: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const watcher of [...watchers]) {
      const match = stderr.match(watcher.pattern);
      if (match) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve(match);
      }
    }
  });
  child.stdin?.end(options.stdin ?? '');
  const done = new Promise<CbrResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    waitForStderr(pattern) {
      const match = stderr.match(pattern);
      if (match) return Promise.resolve(match);
      return new Promise((resolve, reject) => {
        watchers.push({ pattern, resolve });
        done.then(() => reject(new Error(`cbr exited before stderr matched ${pattern}:\n${stderr}`)), reject);
      });
    },
    done,
  };
}

export function runCbr(args: string[], options: CbrRunOptions = {}): Promise<CbrResult> {
  return startCbr(args, options).done;
}

/** Parses stdout as exactly one JSON document (throws otherwise). */
export function onlyJson(stdout: string): Record<string, unknown> {
  return JSON.parse(stdout) as Record<string, unknown>;
}
