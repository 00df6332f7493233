// Cancellation between attempts: checking the caller's signal, and pauses it can cut short (releasing
// their listener, so a long-lived caller signal does not collect them).
import { CbrAbortError, type CbrError } from '../errors/cbr-error.js';

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

/** A signal that fires at a deadline or with a caller's signal, whichever comes first. */
export interface Deadline {
  readonly signal: AbortSignal;
  /** Whether the deadline (not the caller's signal) is what fired. */
  readonly expired: boolean;
  /** Clears the timer and the listener on the caller's signal. */
  dispose(): void;
}

/**
 * One signal for a whole operation made of many waits (the waiter's polls, their retries, its pauses): it
 * fires `ms` milliseconds from now (never, for Infinity) or when `parent` fires.
 */
export function deadline(ms: number, parent: AbortSignal | undefined): Deadline {
  const controller = new AbortController();
  let expired = false;
  const onAbort = () => controller.abort(parent?.reason);
  const timer = Number.isFinite(ms)
    ? setTimeout(() => {
        expired = true;
        controller.abort(new Error(`the deadline of ${ms} ms passed`));
      }, ms)
    : undefined;
  if (parent?.aborted) onAbort();
  else parent?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    get expired() {
      return expired;
    },
    dispose() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onAbort);
    },
  };
}

/** What bounds everything one call waits for: the caller's signal and the call's timeout (milliseconds). */
export interface WaitLimits {
  signal?: AbortSignal | undefined;
  /** Milliseconds; no limit when absent. */
  timeoutMs?: number | undefined;
}

/** How long a caller waits for work it does not own, and the error it gets when that time is up. */
export interface TimeLimit {
  /** Milliseconds. */
  ms: number;
  onTimeout: () => CbrError;
}

/**
 * Waits for a promise that others may share (a token being obtained, a project being looked up) or that the
 * caller's code runs (a token function), or rejects as soon as this caller's signal fires (CbrAbortError) or
 * its time limit passes; the work itself goes on, for the others who wait for it.
 */
export function raceSignal<T>(
  shared: Promise<T>,
  signal: AbortSignal | undefined,
  what: string,
  timeLimit?: TimeLimit,
): Promise<T> {
  if (signal === undefined && timeLimit === undefined) return shared;
  if (signal?.aborted) return Promise.reject(new CbrAbortError(what, signal.reason));
  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CbrAbortError(what, signal?.reason));
    };
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    if (timeLimit !== undefined) {
      timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        reject(timeLimit.onTimeout());
      }, timeLimit.ms);
    }
    shared.then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        reject(error);
      },
    );
  });
}
