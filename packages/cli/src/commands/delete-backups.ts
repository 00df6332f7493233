// Deleting backups one after the other (`cbr backup delete`, `cbr checkpoint prune --yes`), optionally
// waiting until they are gone, and keeping count: when something fails part-way, what was deleted and
// what was not is reported (DeletionIncompleteError), never left to guess.
import {
  CbrAbortError,
  CbrBackupWaitTimeoutError,
  CbrBadRequestError,
  type CbrClient,
  CbrNotFoundError,
} from '@cbr-sdk/checkpoint';
import { pollTiming } from '../options/poll-interval.js';

/** A backup that was not deleted, and why. */
export interface NotDeleted {
  /** The backup's ID. */
  id: string;
  /** The error's name (`CbrNotFoundError`), or `NotTried` when an earlier failure stopped the run. */
  error: string;
  /** The error's message, or `not tried after the failure above`. */
  message: string;
}

/** What a run of deletes did: the backups deleted and those not. */
export interface DeletionResult {
  /** Backups deleted: gone with --wait, else accepted by the service (it deletes them in the background). */
  deleted: string[];
  /** Backups not deleted (refused, failed, not tried, or their wait failed), and why. */
  notDeleted: NotDeleted[];
}

/** Some backups were not deleted. `deleted` and `notDeleted` say which; `onlyTimedOut` when the only failures were waits that ran out. */
export class DeletionIncompleteError extends Error {
  /** The error's name, for logs and `instanceof`-free checks. */
  override name = 'DeletionIncomplete';
  /** The IDs of the backups deleted: gone with --wait, else accepted by the service. */
  readonly deleted: string[];
  /** The backups not deleted, and why. */
  readonly notDeleted: NotDeleted[];
  /** True when the only failures were waits that ran out (the command then exits 3, not 1). */
  readonly onlyTimedOut: boolean;

  constructor(result: DeletionResult, onlyTimedOut: boolean) {
    const { deleted, notDeleted } = result;
    super(
      `${notDeleted.length} of ${deleted.length + notDeleted.length} backups not deleted (${notDeleted
        .map((entry) => `${entry.id}: ${entry.message}`)
        .join('; ')}); deleted: ${deleted.length === 0 ? 'none' : deleted.join(', ')}`,
    );
    this.deleted = deleted;
    this.notDeleted = notDeleted;
    this.onlyTimedOut = onlyTimedOut;
  }
}

/** How {@link deleteBackups} runs: whether and how long it waits, its abort signal, and its progress lines. */
export interface DeleteSettings {
  /** Wait until each backup whose delete was accepted is gone (--wait). */
  wait: boolean;
  /** In milliseconds; the SDK's default (30 minutes) when not given. */
  waitTimeout?: number | undefined;
  /** The first pause between polls (--poll-interval), in milliseconds; the SDK's default (2 s) when not given. */
  pollInterval?: number | undefined;
  /** Aborts the deletes and the waits (Ctrl-C, SIGTERM): the run then rejects with the abort. */
  signal: AbortSignal;
  /** A line for stderr about each step. */
  report: (line: string) => void;
}

/**
 * A refusal of one backup (not found, not deletable now) does not stop the others; any other failure
 * (auth, network, an interrupt) stops the run, and the backups not tried yet are reported as such.
 */
const concernsOneBackup = (error: unknown) => error instanceof CbrNotFoundError || error instanceof CbrBadRequestError;

const notDeleted = (id: string, error: unknown): NotDeleted => ({
  id,
  error: error instanceof Error ? error.name : 'Error',
  message: error instanceof Error ? error.message : String(error),
});

/** Deletes the backups; resolves with all deleted, or rejects with DeletionIncompleteError (or the abort). */
export async function deleteBackups(client: CbrClient, ids: readonly string[], settings: DeleteSettings) {
  const result: DeletionResult = { deleted: [], notDeleted: [] };
  const accepted: string[] = [];
  let stopped: unknown;
  for (const [index, id] of ids.entries()) {
    try {
      await client.backups.delete(id, { signal: settings.signal });
      accepted.push(id);
      settings.report(`backup ${id}: delete accepted`);
    } catch (error) {
      if (error instanceof CbrAbortError) throw error;
      result.notDeleted.push(notDeleted(id, error));
      settings.report(`backup ${id}: not deleted: ${error instanceof Error ? error.message : String(error)}`);
      if (!concernsOneBackup(error)) {
        stopped = error;
        for (const rest of ids.slice(index + 1)) {
          result.notDeleted.push({ id: rest, error: 'NotTried', message: 'not tried after the failure above' });
        }
        break;
      }
    }
  }

  let timedOut = 0;
  if (settings.wait && stopped === undefined) {
    const outcomes = await Promise.allSettled(
      accepted.map((id) =>
        client.backups
          .waitUntilDeleted(id, {
            timeoutMs: settings.waitTimeout,
            ...pollTiming(settings.pollInterval),
            signal: settings.signal,
          })
          .then(() => settings.report(`backup ${id}: deleted`)),
      ),
    );
    for (const [i, outcome] of outcomes.entries()) {
      const id = accepted[i] as string;
      if (outcome.status === 'fulfilled') {
        result.deleted.push(id);
      } else {
        if (outcome.reason instanceof CbrAbortError) throw outcome.reason;
        if (outcome.reason instanceof CbrBackupWaitTimeoutError) timedOut++;
        result.notDeleted.push(notDeleted(id, outcome.reason));
      }
    }
  } else {
    result.deleted.push(...accepted);
  }
  if (result.notDeleted.length > 0) {
    throw new DeletionIncompleteError(result, timedOut > 0 && timedOut === result.notDeleted.length);
  }
  return result;
}
