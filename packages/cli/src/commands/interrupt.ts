// Ctrl-C (SIGINT) and SIGTERM: abort what is in flight through the SDK's signal and stop waiting. The
// command then reports what it had (a restore point already created) and exits 130. Should that take more
// than a moment, or a second signal come, cbr exits at once.
import type { CliIo, InterruptSignal } from '../io/cli-io.js';

/** The watch on Ctrl-C and SIGTERM during a command. */
export interface Interrupt {
  /** Passed to every SDK call. */
  readonly signal: AbortSignal;
  /** The signal received, if any. */
  readonly by: InterruptSignal | undefined;
  /** Restores the default handling (the command is over). */
  dispose(): void;
}

const SIGNALS: InterruptSignal[] = ['SIGINT', 'SIGTERM'];
const GRACE_MS = 800;

/**
 * Watches the run's signals (`io`). `onForcedExit` runs (synchronously) just before cbr exits without waiting
 * for the command to end.
 */
export function watchInterrupts(io: CliIo, onForcedExit: (by: InterruptSignal) => void): Interrupt {
  const controller = new AbortController();
  let by: InterruptSignal | undefined;
  const forceExit = (signal: InterruptSignal) => {
    onForcedExit(signal);
    io.exit(130);
  };
  const handler = (signal: InterruptSignal) => {
    if (by) forceExit(signal);
    by = signal;
    controller.abort(new Error(`interrupted by ${signal}`));
    setTimeout(() => forceExit(signal), GRACE_MS).unref();
  };
  for (const signal of SIGNALS) io.onSignal(signal, handler);
  return {
    signal: controller.signal,
    get by() {
      return by;
    },
    dispose() {
      for (const signal of SIGNALS) io.offSignal(signal, handler);
    },
  };
}
