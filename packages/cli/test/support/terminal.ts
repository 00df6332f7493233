// Runs cbr as on a terminal: util-linux `script` gives the child a pseudo-terminal as stdin, stdout and stderr.
import { spawn } from 'node:child_process';
import { BIN, baseEnv } from './cbr-process.js';

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** Runs cbr with a pseudo-terminal as its stdin, stdout and stderr; returns what the terminal received. */
export function runInTerminal(args: string[], env: Record<string, string | undefined>) {
  const command = [process.execPath, BIN, ...args].map(quote).join(' ');
  const childEnv: Record<string, string> = { ...baseEnv(), TERM: 'xterm-256color' };
  for (const [name, value] of Object.entries(env)) if (value !== undefined) childEnv[name] = value;
  return new Promise<{ code: number | null; screen: string }>((resolve, reject) => {
    // -q: no "Script started" lines; -e: exit with the child's code; the typescript file is not wanted.
    const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let screen = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, screen }));
  });
}
