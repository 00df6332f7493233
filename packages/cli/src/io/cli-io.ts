// What a run of `cbr` reads and writes outside itself: its streams, its environment, its exit code, its signals.
// main() takes one; bin/cbr.cjs passes none, so the run uses the real process (process-io.ts). Tests hand in
// their own (streams in memory, an environment of their own) to run cbr in their process: nothing under src/
// touches `process` but process-io.ts, so such a run sees all that a child process would show.

/** A stream cbr writes to (stdout, stderr): a terminal's when `isTTY`, which then has its size and colours. */
export type OutputStream = NodeJS.WritableStream & {
  readonly isTTY?: boolean;
  readonly columns?: number;
  hasColors?(env?: object): boolean;
  getColorDepth?(env?: object): number;
};

/** The stream cbr reads (stdin, for --token-stdin): a terminal's when `isTTY`. */
export type InputStream = NodeJS.ReadableStream & { readonly isTTY?: boolean };

/** The environment variables of a run. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The signals cbr handles during a command. */
export type InterruptSignal = 'SIGINT' | 'SIGTERM';

/** Where a run of cbr reads, writes and ends. */
export interface CliIo {
  /** Standard output: the result (text or --json). */
  readonly stdout: OutputStream;
  /** Standard error: progress, --verbose lines, errors. */
  readonly stderr: OutputStream;
  /** Standard input: read for --token-stdin only. */
  readonly stdin: InputStream;
  /** The environment: client settings (CbrClient.fromEnv), colours, CI. */
  readonly env: Environment;
  /** The exit code so far; undefined until a command or main sets it. */
  exitCode: number | undefined;
  /** Ends the run at once with this code (a reader gone, a second Ctrl-C). */
  exit(code: number): void;
  /** Calls `handler` on SIGINT and SIGTERM until {@link CliIo.offSignal}. */
  onSignal(signal: InterruptSignal, handler: (signal: InterruptSignal) => void): void;
  /** Stops calling `handler` on that signal. */
  offSignal(signal: InterruptSignal, handler: (signal: InterruptSignal) => void): void;
}
