// Writing to stdout, where a failure is not always cbr's: a reader that went away (`cbr … | head -1`, EPIPE)
// ends cbr quietly with its exit code so far (main.ts), but a full disk (ENOSPC) or another write error
// loses the output, so the command reports it, with the restore point's id, on stderr.
import type { OutputStream } from '../io/cli-io.js';

/** stdout could not be written (not EPIPE). `code` is the system's, e.g. `ENOSPC`. */
export class StdoutError extends Error {
  /** Always `'StdoutError'`. */
  override name = 'StdoutError';
  /** The system error code, e.g. `ENOSPC`; undefined when the error had none. */
  readonly code: string | undefined;

  constructor(cause: NodeJS.ErrnoException) {
    super(cause.code ? `${cause.code}: ${cause.message.replace(`${cause.code}: `, '')}` : cause.message, { cause });
    this.code = cause.code;
  }
}

/** Errors a command reported itself: main's 'error' listener leaves them alone. */
const reported = new WeakSet<Error>();

/** Whether a stdout error was already reported by the command that wrote (the stream emits it too). */
export const alreadyReported = (error: Error) => reported.has(error);

/**
 * Writes to stdout (the run's); resolves once written. Rejects with a StdoutError when the write fails, except with
 * EPIPE: then it never settles, as main exits on the stream's 'error' event.
 */
export function writeStdout(stdout: OutputStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stdout.write(text, (error?: Error | null) => {
      if (!error) return resolve();
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') return;
      reported.add(error);
      reject(new StdoutError(error));
    });
  });
}
