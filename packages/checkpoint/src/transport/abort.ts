// Cancellation between attempts: checking the caller's signal, and pauses it can cut short (releasing
// their listener, so a long-lived caller signal does not collect them).
import { CbrAbortError } from '../errors/cbr-error.js';

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
