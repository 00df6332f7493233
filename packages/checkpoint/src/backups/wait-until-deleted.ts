// The delete's waiter: polls the backup (the shared loop of waiters/poll.ts) until the service answers 404,
// fails fast when a backup that was being deleted falls back to `error`, and gives up at a deadline with
// the last status it saw.
import type { BackupResp } from '@cbr-sdk/checkpoint-api';
import { CbrBackupDeleteFailedError, CbrBackupWaitTimeoutError, CbrNotFoundError } from '../errors/cbr-error.js';
import { type Poll, type PollTiming, pollUntil } from '../waiters/poll.js';

/** Options of {@link Backups.waitUntilDeleted}. */
export interface DeleteWaitOptions extends PollTiming {
  /** Called with each poll whose status differs from the previous one (and on the first), while it exists. */
  onStatus?: (backup: BackupResp, previousStatus: string | undefined) => void;
}

/** Statuses of a backup on its way out. */
const BEING_DELETED: ReadonlySet<string> = new Set(['deleting', 'waiting_delete']);

/** Whether the backup is on its way out already (a resent delete that finds it so has done its work). */
export const isBeingDeleted = (backup: BackupResp) => BEING_DELETED.has(backup.status);

/** The backup as polled: undefined once the service answers 404. */
type Seen = BackupResp | undefined;

export async function waitUntilDeleted(
  backupId: string,
  get: Poll<BackupResp>,
  requestTimeoutMs: number,
  options: DeleteWaitOptions = {},
): Promise<void> {
  const { onStatus } = options;
  let sawDeleting = false;
  let lastExisting: BackupResp | undefined;
  await pollUntil<Seen>(
    {
      what: `waiting for backup ${backupId} to be deleted`,
      poll: (call) =>
        get(call).catch((error: unknown) => {
          if (error instanceof CbrNotFoundError) return undefined;
          throw error;
        }),
      requestTimeoutMs,
      stateOf: (backup) => backup?.status ?? '(gone)',
      onChange(backup, previous) {
        if (backup) onStatus?.(backup, previous?.status);
      },
      isDone(backup) {
        if (backup === undefined) return true;
        lastExisting = backup;
        // `error` after `deleting` is a delete that failed. Any other status may be the service not showing
        // the delete yet: the deadline decides.
        if (sawDeleting && backup.status === 'error') throw new CbrBackupDeleteFailedError(backup);
        sawDeleting ||= isBeingDeleted(backup);
        return false;
      },
      timedOut: (_last, timeoutMs) => new CbrBackupWaitTimeoutError(backupId, timeoutMs, lastExisting),
    },
    options,
  );
}
