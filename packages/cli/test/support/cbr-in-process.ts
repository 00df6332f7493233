// Runs the built `cbr` (dist/main.cjs, what bin/cbr.cjs loads) inside the test's process: main(args, io) with
// stdout and stderr kept in memory, stdin given, and the same environment as a child process would get
// (cbr-process.ts runEnv). Nothing under src/ touches `process` (test/process-boundary.test.ts), so what a run
// writes here is what a child's stdout and stderr would hold, without the cost of starting Node. What only a
// real process shows stays with runCbr: signals, a broken pipe or a full disk, a terminal, Node's own output.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PassThrough, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { CliIo, InterruptSignal } from '../../src/io/cli-io.js';
import type { main as Main } from '../../src/main.js';
import { type CbrResult, type CbrRunOptions, runEnv } from './cbr-process.js';

const ENTRY = fileURLToPath(new URL('../../dist/main.cjs', import.meta.url));

let loaded: typeof Main | undefined;
/**
 * main() of the build, loaded once per test worker (the project runs with isolate: false; the commands' chunks
 * once each, on their first run).
 */
function builtMain(): typeof Main {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run \`npm run build\` first`);
  loaded ??= (createRequire(import.meta.url)(ENTRY) as { main: typeof Main }).main;
  return loaded;
}

/** A stream that keeps what is written to it, as a pipe would (not a terminal: no isTTY). */
function memoryStream() {
  let text = '';
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

/**
 * Runs cbr in this process with these arguments; resolves as {@link runCbr} does (signal always null). Each run
 * has its own streams, environment, exit code and signal source, and its own program (main builds one).
 * Rejects if cbr would have ended the process itself (exit: a broken pipe, a second signal) or left a signal
 * handler behind: such a case belongs in a child process.
 */
export async function runCbrInProcess(args: string[], options: CbrRunOptions = {}): Promise<CbrResult> {
  const env = runEnv(options);
  const stdout = memoryStream();
  const stderr = memoryStream();
  const stdin = new PassThrough();
  stdin.end(options.stdin ?? '');
  const signals = new EventEmitter();
  let exited: (code: number) => void = () => {};
  const exit = new Promise<never>((_resolve, reject) => {
    exited = (code) => reject(new Error(`cbr ${args.join(' ')} ended the process (exit ${code}): run it with runCbr`));
  });
  const io: CliIo = {
    stdout: stdout.stream,
    stderr: stderr.stream,
    stdin,
    env,
    exitCode: undefined,
    exit: (code) => exited(code),
    onSignal: (signal: InterruptSignal, handler) => signals.on(signal, handler),
    offSignal: (signal: InterruptSignal, handler) => signals.off(signal, handler),
  };
  await Promise.race([builtMain()(args, io), exit]);
  const left = signals.eventNames();
  if (left.length > 0) throw new Error(`cbr ${args.join(' ')} left handlers on ${left.join(', ')}`);
  return { code: io.exitCode ?? 0, signal: null, stdout: stdout.text(), stderr: stderr.text() };
}
