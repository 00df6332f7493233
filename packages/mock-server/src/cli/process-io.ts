// The real process as a MockCliIo: what the bin (src/cli.ts) runs with. With the bin, the one file the command
// runs that touches `process` (test/cli-process-boundary.test.ts keeps it so).
import type { MockCliIo } from './cli-io.js';

/** The I/O of the running process: its stdout, stderr, exit code and signals. */
export function processIo(): MockCliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    get exitCode() {
      const code = process.exitCode;
      return code === undefined ? undefined : Number(code);
    },
    set exitCode(code) {
      process.exitCode = code;
    },
    exit(code) {
      process.exit(code);
    },
    onceSignal(signal, handler) {
      process.once(signal, handler);
    },
  };
}
