// Runs the `cbr-mock-server` command (src/cli/main.ts) inside the test's process: main(args, io) with stdout and
// stderr kept in memory and signals sent by the test. Nothing under src/cli/ but process-io.ts touches `process`
// (cli-process-boundary.test.ts), so what a run writes here is what a child's stdout and stderr would hold,
// without the cost of starting Node. What only a real process shows (a real signal, the exit code the process
// ends with, the built and committed bin) stays with cli.test.ts's child processes.
import { EventEmitter } from 'node:events';
import type { MockCliIo, StopSignal } from '../../src/cli/cli-io.js';
import { main } from '../../src/cli/main.js';

/** A run that started no mock: --help, a usage error, a failed start. */
export interface FinishedRun {
  /** The exit code the process would end with. */
  status: number | undefined;
  stdout: string;
  stderr: string;
}

/** A mock the command started, listening until {@link RunningInProcess.stop}. */
export interface RunningInProcess {
  url: string;
  /** stdout and stderr so far, in the order written. */
  output: () => string;
  /** Sends the run this signal, as `kill` would. */
  stop: (signal: StopSignal) => void;
  /** Resolves with the code the run ends with (io.exit), once a signal has stopped the mock. */
  exit: Promise<number>;
}

function inMemoryIo() {
  let stdout = '';
  let stderr = '';
  let output = '';
  const signals = new EventEmitter();
  let exited: (code: number) => void = () => {};
  const exit = new Promise<number>((resolve) => {
    exited = resolve;
  });
  const io: MockCliIo = {
    stdout: {
      write: (text: string) => {
        stdout += text;
        output += text;
      },
    },
    stderr: {
      write: (text: string) => {
        stderr += text;
        output += text;
      },
    },
    exitCode: undefined,
    exit: (code) => exited(code),
    onceSignal: (signal, handler) => signals.once(signal, handler),
  };
  return { io, signals, exit, stdout: () => stdout, stderr: () => stderr, output: () => output };
}

/** Runs the command to its end; rejects if it started a mock (that is {@link startInProcess}'s case). */
export async function runInProcess(args: string[]): Promise<FinishedRun> {
  const run = inMemoryIo();
  await main(args, run.io);
  if (run.signals.eventNames().length > 0) {
    run.signals.emit('SIGTERM');
    await run.exit;
    throw new Error(`cbr-mock-server ${args.join(' ')} started a mock: ${run.output()}`);
  }
  return { status: run.io.exitCode, stdout: run.stdout(), stderr: run.stderr() };
}

/** Starts the command; resolves once it has printed "listening on <url>" (rejects if it did not). */
export async function startInProcess(args: string[]): Promise<RunningInProcess> {
  const run = inMemoryIo();
  await main(args, run.io);
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(run.stdout())?.[1];
  if (url === undefined) throw new Error(`no URL printed (exit code ${run.io.exitCode}): ${run.output()}`);
  return { url, output: run.output, stop: (signal) => run.signals.emit(signal), exit: run.exit };
}
