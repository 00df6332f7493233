// The one polling loop behind every waiter (a restore point until available, a backup until deleted):
// reads the thing with growing pauses, reports each change of state, lets the caller decide when it is done
// or has failed, honours the caller's signal, and gives up at one deadline (for every poll, the retries
// inside it and every pause) with what it saw last.
import { milliseconds } from '../config/check-options.js';
import type { CbrError } from '../errors/cbr-error.js';
import { CbrTimeoutError } from '../errors/cbr-error.js';
import { deadline, sleep, throwIfAborted } from '../transport/abort.js';

/** How long and how often a waiter polls; shared by every waiter's options. */
export interface PollTiming {
  /**
   * Give up after this long, in milliseconds: one deadline for the whole wait (every poll, its retries and
   * every pause), a whole number from 1 to 2^31 − 1, or `Infinity` to wait until `signal` fires. Default
   * 30 minutes (as Huawei's Terraform provider).
   */
  timeoutMs?: number;
  /** The first pause between polls, in milliseconds (1 to 2^31 − 1); it grows by half each time. Default 2 000. */
  intervalMs?: number;
  /**
   * The longest pause between polls, in milliseconds (1 to 2^31 − 1). Default 30 000, or `intervalMs` when that
   * is longer (a first pause of a minute is not cut to 30 s).
   */
  maxIntervalMs?: number;
  /** Ends the wait (and the poll in flight) with CbrAbortError. Default: none. */
  signal?: AbortSignal;
}

export const WAIT_DEFAULTS = { timeoutMs: 30 * 60 * 1000, intervalMs: 2_000, maxIntervalMs: 30_000 } as const;
const GROWTH = 1.5;

/** The first pause of a wait and the longest, in milliseconds (checked, defaults applied). */
export function pollPauses(timing: PollTiming): { firstMs: number; maxMs: number } {
  const firstMs = milliseconds('intervalMs', timing.intervalMs, WAIT_DEFAULTS.intervalMs);
  const maxMs = milliseconds('maxIntervalMs', timing.maxIntervalMs, Math.max(WAIT_DEFAULTS.maxIntervalMs, firstMs));
  return { firstMs: Math.min(firstMs, maxMs), maxMs };
}

/** One read of the thing waited for, within what is left of the deadline. */
export type Poll<T> = (call: { signal?: AbortSignal; timeoutMs: number }) => Promise<T>;

export interface PollPlan<T> {
  /** For abort messages: `waiting for restore point …`. */
  what: string;
  poll: Poll<T>;
  /** The client's timeout of one request, in milliseconds (a poll never outlives the deadline either). */
  requestTimeoutMs: number;
  /** The state a change is reported on (two polls in the same state are one report). */
  stateOf(value: T): string;
  /** Called with each poll whose state differs from the previous one (and on the first), and the value before. */
  onChange?: ((value: T, previous: T | undefined) => void) | undefined;
  /** True when the wait is over; throws (a CbrError) when it cannot end well any more. */
  isDone(value: T): boolean;
  /** The error at the deadline, given the last value seen (undefined when no poll answered). */
  timedOut(last: T | undefined, timeoutMs: number): CbrError;
}

export async function pollUntil<T>(plan: PollPlan<T>, timing: PollTiming = {}): Promise<T> {
  const timeoutMs =
    timing.timeoutMs === Number.POSITIVE_INFINITY
      ? Number.POSITIVE_INFINITY
      : milliseconds('timeoutMs', timing.timeoutMs, WAIT_DEFAULTS.timeoutMs);
  const { firstMs, maxMs: maxIntervalMs } = pollPauses(timing);
  let interval = firstMs;
  // One signal bounds everything below: each poll, the retries inside it and each pause.
  const until = deadline(timeoutMs, timing.signal);
  const endsAt = performance.now() + timeoutMs;
  let last: T | undefined;
  let lastState: string | undefined;
  const timedOut = () => plan.timedOut(last, timeoutMs);

  try {
    for (;;) {
      throwIfAborted(timing.signal, plan.what);
      const remaining = Math.ceil(endsAt - performance.now());
      if (until.expired || remaining <= 0) throw timedOut();
      let value: T;
      try {
        value = await plan.poll({ signal: until.signal, timeoutMs: Math.min(plan.requestTimeoutMs, remaining) });
      } catch (error) {
        // A poll cut short by the deadline is the waiter's timeout, not a failure of the service.
        if (until.expired || (error instanceof CbrTimeoutError && performance.now() >= endsAt)) throw timedOut();
        throw error;
      }

      const state = plan.stateOf(value);
      if (state !== lastState) {
        plan.onChange?.(value, last);
        lastState = state;
      }
      last = value;
      if (plan.isDone(value)) return value;

      try {
        await sleep(interval, until.signal, plan.what);
      } catch (error) {
        if (until.expired) throw timedOut();
        throw error;
      }
      interval = Math.min(interval * GROWTH, maxIntervalMs);
    }
  } finally {
    until.dispose();
  }
}
