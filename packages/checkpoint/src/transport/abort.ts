// Timeouts and cancellation as one AbortSignal per attempt, with every timer and listener released
// afterwards (a long-lived caller signal must not collect listeners).
import { CbrAbortError } from '../errors/cbr-error.js';

export interface AttemptSignal {
  signal: AbortSignal;
  /** True when the attempt's own timeout fired (not the caller's signal). */
  timedOut(): boolean;
  release(): void;
}

export function attemptSignal(timeoutMs: number, callerSignal: AbortSignal | undefined): AttemptSignal {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`timeout after ${timeoutMs} ms`));
  }, timeoutMs);
  const onCallerAbort = () => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    release() {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}

export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new CbrAbortError(what, signal.reason);
}

/** Resolves after `ms`, or rejects with CbrAbortError as soon as `signal` fires. */
export function sleep(ms: number, signal: AbortSignal | undefined, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CbrAbortError(what, signal.reason));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CbrAbortError(what, signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
