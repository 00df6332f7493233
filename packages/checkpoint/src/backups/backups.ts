// cbr.backups: the backups a restore point produced (one per resource): list them (every page, or one),
// read one, delete one (retry-safe), wait until one is deleted.
import { type BackupListResp, type BackupResp, BackupsApiAxiosParamCreator } from '@cbr-sdk/checkpoint-api';
import type { CbrError } from '../errors/cbr-error.js';
import { CbrNotFoundError } from '../errors/cbr-error.js';
import type { RawResponse } from '../errors/from-response.js';
import { type ApiContext, type CallOptions, OperationSender } from '../transport/operation.js';
import { resentDeleteOutcome } from '../transport/retry-policy.js';
import { assertValidPathParameter } from '../validation/validate-input.js';
import { type BackupPager, pager } from './pages.js';
import { assertValidQuery, type ListBackupsQuery, listBackupsArguments } from './query.js';
import { readBackup, readBackupList } from './read-backup.js';
import { type DeleteWaitOptions, isBeingDeleted, waitUntilDeleted } from './wait-until-deleted.js';

/** Backups: list, listPage, get, delete, waitUntilDeleted. Use `client.backups`. */
export class Backups {
  readonly #operations: OperationSender;
  readonly #build: ReturnType<typeof BackupsApiAxiosParamCreator>;

  /** @internal Made by CbrClient, which owns the context: use `client.backups`. */
  constructor(context: ApiContext) {
    this.#operations = new OperationSender(context);
    this.#build = BackupsApiAxiosParamCreator(context.authenticator.configuration);
  }

  /**
   * Every backup the query matches, page after page (GET /v3/{project_id}/backups), each page asked for
   * only when the iteration reaches it: `for await (const backup of cbr.backups.list({ checkpoint_id }))`.
   * Pages go by `offset` until an empty page, or by `marker` when the query has one; `limit` sets the page
   * size. The query is checked against the spec before the first request (CbrValidationError, nothing sent).
   * `options` apply to each page's request.
   */
  list(query: ListBackupsQuery = {}, options: CallOptions = {}): BackupPager {
    assertValidQuery(query);
    return pager(query, (pageQuery) => this.#listPage(pageQuery, options));
  }

  /** One page of backups (GET /v3/{project_id}/backups) with the service's `count`. Retried on transient failures. */
  async listPage(query: ListBackupsQuery = {}, options: CallOptions = {}): Promise<BackupListResp> {
    assertValidQuery(query);
    return this.#listPage(query, options);
  }

  #listPage(query: ListBackupsQuery, options: CallOptions): Promise<BackupListResp> {
    return this.#operations.send(
      {
        operation: 'listBackups',
        idempotent: true,
        build: (projectId) => this.#build.listBackups(...listBackupsArguments(projectId, query)),
        read: (response: RawResponse, secrets) => readBackupList('listBackups', response, secrets),
      },
      options,
    );
  }

  /** Reads a backup (GET /v3/{project_id}/backups/{backup_id}). Retried on transient failures; 404: CbrNotFoundError. */
  async get(backupId: string, options: CallOptions = {}): Promise<BackupResp> {
    assertValidPathParameter('showBackup input', 'BackupId', 'backupId', backupId);
    return this.#operations.send(
      {
        operation: 'showBackup',
        idempotent: true,
        build: (projectId) => this.#build.showBackup(projectId, backupId),
        read: (response: RawResponse, secrets) => readBackup('showBackup', response, secrets),
      },
      options,
    );
  }

  /**
   * Deletes a backup (DELETE /v3/{project_id}/backups/{backup_id}, 204). The service deletes it in the
   * background: `waitUntilDeleted` waits until it is gone. Retry-safe: resent after a transient failure
   * like a read, and when the resend finds the backup gone (404) or already being deleted, after an earlier
   * attempt that may have been processed, the delete has succeeded (see transport/retry-policy.ts). A 404
   * on the first attempt is CbrNotFoundError (nothing was deleted); a backup that is still being made is
   * refused with CbrBadRequestError.
   */
  async delete(backupId: string, options: CallOptions = {}): Promise<void> {
    assertValidPathParameter('deleteBackup input', 'BackupId', 'backupId', backupId);
    return this.#operations.send<undefined>(
      {
        operation: 'deleteBackup',
        idempotent: true,
        build: (projectId) => this.#build.deleteBackup(projectId, backupId),
        read: () => undefined,
        afterResend: (error) => this.#deletedAlready(backupId, error, options),
      },
      options,
    );
  }

  /** After a resent delete failed: whether the backup is gone or going, so an earlier attempt deleted it. */
  async #deletedAlready(
    backupId: string,
    error: CbrError,
    options: CallOptions,
  ): Promise<{ value: undefined } | undefined> {
    const outcome = resentDeleteOutcome(error);
    if (outcome === 'done') return { value: undefined };
    if (outcome === 'failed') return undefined;
    try {
      return isBeingDeleted(await this.get(backupId, options)) ? { value: undefined } : undefined;
    } catch (lookFailure) {
      return lookFailure instanceof CbrNotFoundError ? { value: undefined } : undefined;
    }
  }

  /**
   * Polls the backup until the service no longer knows it (404), with growing pauses. Rejects with
   * CbrBackupDeleteFailedError when a backup being deleted falls back to `error`, with
   * CbrBackupWaitTimeoutError (carrying the last status) at the deadline, and with CbrAbortError on `signal`.
   */
  async waitUntilDeleted(backupId: string, options: DeleteWaitOptions = {}): Promise<void> {
    assertValidPathParameter('waitUntilDeleted input', 'BackupId', 'backupId', backupId);
    return waitUntilDeleted(
      backupId,
      (call) => this.get(backupId, call),
      this.#operations.context.requestTimeoutMs,
      options,
    );
  }

  /** Shown by console.log / util.inspect: where it points, never how it authenticates. */
  [Symbol.for('nodejs.util.inspect.custom')]() {
    return this.#operations.describe('Backups');
  }
}
