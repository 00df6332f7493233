// The restore point's waiter: polls it (the shared loop of waiters/poll.ts) until it is available, fails
// fast when it cannot become available any more, and gives up at a deadline with the last status it saw.
import { type CheckpointCreate, CheckpointStatus, ProtectStatus } from '@cbr-sdk/checkpoint-api';
import { CbrCheckpointFailedError, CbrWaitTimeoutError } from '../errors/cbr-error.js';
import { type Poll, type PollTiming, pollUntil } from '../waiters/poll.js';

/** How {@link Checkpoints.waitUntilAvailable} waits: its deadline, its pace (see {@link PollTiming}), and what it reports. */
export interface WaitOptions extends PollTiming {
  /** Also wait until every resource's `protect_status` is `available` (as Terraform does). Default false. */
  waitForResources?: boolean;
  /** Called with each poll whose status differs from the previous one (and on the first). */
  onStatus?: (checkpoint: CheckpointCreate, previousStatus: string | undefined) => void;
}

/** Statuses a restore point never leaves for `available`. */
const FINAL_FAILURES: ReadonlySet<string> = new Set([
  CheckpointStatus.error,
  CheckpointStatus.deleted,
  CheckpointStatus.deleting,
  CheckpointStatus.error_deleting,
]);

const resourceStatuses = (checkpoint: CheckpointCreate) =>
  (checkpoint.vault?.resources ?? []).map((resource) => resource.protect_status ?? 'unknown');

export function waitUntilAvailable(
  checkpointId: string,
  get: Poll<CheckpointCreate>,
  requestTimeoutMs: number,
  options: WaitOptions = {},
): Promise<CheckpointCreate> {
  const withResources = options.waitForResources ?? false;
  const { onStatus } = options;
  return pollUntil(
    {
      what: `waiting for restore point ${checkpointId}`,
      poll: get,
      requestTimeoutMs,
      // The status reported: the restore point's, plus its resources' when waiting for them.
      stateOf: (checkpoint) =>
        withResources ? `${checkpoint.status} [${resourceStatuses(checkpoint).join(',')}]` : checkpoint.status,
      onChange: onStatus && ((checkpoint, previous) => onStatus(checkpoint, previous?.status)),
      isDone(checkpoint) {
        if (FINAL_FAILURES.has(checkpoint.status)) {
          throw new CbrCheckpointFailedError(checkpoint, `is "${checkpoint.status}" and will not become available`);
        }
        if (withResources && resourceStatuses(checkpoint).includes(ProtectStatus.error)) {
          throw new CbrCheckpointFailedError(checkpoint, 'has a resource whose backup failed (protect_status "error")');
        }
        const resourcesReady =
          !withResources || resourceStatuses(checkpoint).every((status) => status === ProtectStatus.available);
        return checkpoint.status === CheckpointStatus.available && resourcesReady;
      },
      timedOut: (last, timeoutMs) => new CbrWaitTimeoutError(checkpointId, timeoutMs, last),
    },
    options,
  );
}
