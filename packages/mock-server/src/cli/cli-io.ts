// What a run of `cbr-mock-server` reads and writes outside itself: its output streams, its exit code, its
// signals. main() takes one; the bin (src/cli.ts) passes the real process's (process-io.ts). Tests hand in their
// own to run the command in their process: nothing it runs but process-io.ts touches `process` or writes with
// `console` (test/cli-process-boundary.test.ts), so such a run sees all that a child process would show.

/** A stream the command writes to: stdout (the URL, the help, one line per request) or stderr (errors). */
export interface OutputStream {
  write(text: string): unknown;
}

/** The signals that stop a running mock. */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/** Where a run of cbr-mock-server writes, ends and hears signals. */
export interface MockCliIo {
  /** Standard output: "listening on <url>", the help, the request log. */
  readonly stdout: OutputStream;
  /** Standard error: usage errors and failures to start. */
  readonly stderr: OutputStream;
  /** The exit code once main() has returned without starting a server (help: 0, usage: 2, failure: 1). */
  exitCode: number | undefined;
  /** Ends the run at once with this code: once the mock has stopped after a signal. */
  exit(code: number): void;
  /** Calls `handler` the first time `signal` arrives. */
  onceSignal(signal: StopSignal, handler: () => void): void;
}
