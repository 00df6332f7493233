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

/**
 * Waits for a promise that others may share (a token being obtained, a project being looked up), or rejects
 * with CbrAbortError as soon as this caller's signal fires; the shared work itself goes on for the others.
 */
export function raceSignal<T>(shared: Promise<T>, signal: AbortSignal | undefined, what: string): Promise<T> {
  if (signal === undefined) return shared;
  if (signal.aborted) return Promise.reject(new CbrAbortError(what, signal.reason));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CbrAbortError(what, signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    shared.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
