// The real process as a CliIo: what `cbr` uses when run from bin/cbr.cjs. The one file under src/ that touches
// `process` (test/process-boundary.test.ts keeps it so).
import type { CliIo } from './cli-io.js';

/** The I/O of the running process: its stdout, stderr, stdin, environment, exit code and signals. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
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
    onSignal(signal, handler) {
      process.on(signal, handler);
    },
    offSignal(signal, handler) {
      process.off(signal, handler);
    },
  };
}
