// The waiter: polls a restore point with growing intervals until it is available, fails fast when it
// cannot become available any more, and gives up at a deadline with the last status it saw.
import { type CheckpointCreate, CheckpointStatus, ProtectStatus } from '@cbr-sdk/checkpoint-api';
import { milliseconds } from '../config/check-options.js';
import { CbrCheckpointFailedError, CbrTimeoutError, CbrWaitTimeoutError } from '../errors/cbr-error.js';
import { deadline, sleep, throwIfAborted } from '../transport/abort.js';

/** How {@link Checkpoints.waitUntilAvailable} waits: its deadline, its pace, and what it reports. */
export interface WaitOptions {
  /**
   * Give up after this long, in milliseconds: one deadline for the whole wait (every poll, its retries and
   * every pause), a whole number from 1 to 2^31 − 1, or `Infinity` to wait until `signal` fires. Default
   * 30 minutes (as Huawei's Terraform provider).
   */
  timeoutMs?: number;
  /** The first pause between polls, in milliseconds (1 to 2^31 − 1); it grows by half each time. Default 2 000. */
  intervalMs?: number;
  /** The longest pause between polls, in milliseconds (1 to 2^31 − 1). Default 30 000. */
  maxIntervalMs?: number;
  /** Also wait until every resource's `protect_status` is `available` (as Terraform does). Default false. */
  waitForResources?: boolean;
  /** Called with each poll whose status differs from the previous one (and on the first). */
  onStatus?: (checkpoint: CheckpointCreate, previousStatus: string | undefined) => void;
  /** Ends the wait (and the poll in flight) with CbrAbortError. Default: none. */
  signal?: AbortSignal;
}

export const WAIT_DEFAULTS = { timeoutMs: 30 * 60 * 1000, intervalMs: 2_000, maxIntervalMs: 30_000 } as const;
const GROWTH = 1.5;

/** Statuses a restore point never leaves for `available`. */
const FINAL_FAILURES: ReadonlySet<string> = new Set([
  CheckpointStatus.error,
  CheckpointStatus.deleted,
  CheckpointStatus.deleting,
  CheckpointStatus.error_deleting,
]);

type Get = (options: { signal?: AbortSignal; timeoutMs?: number }) => Promise<CheckpointCreate>;

const resourceStatuses = (checkpoint: CheckpointCreate) =>
  (checkpoint.vault?.resources ?? []).map((resource) => resource.protect_status ?? 'unknown');

/** The status reported to onStatus: the restore point's, plus its resources' when waiting for them. */
const observedState = (checkpoint: CheckpointCreate, withResources: boolean) =>
  withResources ? `${checkpoint.status} [${resourceStatuses(checkpoint).join(',')}]` : checkpoint.status;

export async function waitUntilAvailable(
  checkpointId: string,
  get: Get,
  requestTimeoutMs: number,
  options: WaitOptions = {},
): Promise<CheckpointCreate> {
  const timeoutMs =
    options.timeoutMs === Number.POSITIVE_INFINITY
      ? Number.POSITIVE_INFINITY
      : milliseconds('timeoutMs', options.timeoutMs, WAIT_DEFAULTS.timeoutMs);
  const maxIntervalMs = milliseconds('maxIntervalMs', options.maxIntervalMs, WAIT_DEFAULTS.maxIntervalMs);
  let interval = Math.min(milliseconds('intervalMs', options.intervalMs, WAIT_DEFAULTS.intervalMs), maxIntervalMs);
  const withResources = options.waitForResources ?? false;
  const what = `waiting for restore point ${checkpointId}`;
  // One signal bounds everything below: each poll, the retries inside it and each pause.
  const until = deadline(timeoutMs, options.signal);
  const endsAt = performance.now() + timeoutMs;
  let last: CheckpointCreate | undefined;
  let lastState: string | undefined;
  let previousStatus: string | undefined;
  const timedOut = () => new CbrWaitTimeoutError(checkpointId, timeoutMs, last);

  try {
    for (;;) {
      throwIfAborted(options.signal, what);
      const remaining = Math.ceil(endsAt - performance.now());
      if (until.expired || remaining <= 0) throw timedOut();
      try {
        last = await get({ signal: until.signal, timeoutMs: Math.min(requestTimeoutMs, remaining) });
      } catch (error) {
        // A poll cut short by the deadline is the waiter's timeout, not a failure of the service.
        if (until.expired || (error instanceof CbrTimeoutError && performance.now() >= endsAt)) throw timedOut();
        throw error;
      }

      const state = observedState(last, withResources);
      if (state !== lastState) {
        options.onStatus?.(last, previousStatus);
        lastState = state;
        previousStatus = last.status;
      }
      if (FINAL_FAILURES.has(last.status)) {
        throw new CbrCheckpointFailedError(last, `is "${last.status}" and will not become available`);
      }
      if (withResources && resourceStatuses(last).includes(ProtectStatus.error)) {
        throw new CbrCheckpointFailedError(last, 'has a resource whose backup failed (protect_status "error")');
      }
      const resourcesReady =
        !withResources || resourceStatuses(last).every((status) => status === ProtectStatus.available);
      if (last.status === CheckpointStatus.available && resourcesReady) return last;

      try {
        await sleep(interval, until.signal, what);
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
