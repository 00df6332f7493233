// One error family. Every error the SDK throws is a CbrError; each kind is a subclass that callers can catch
// with `instanceof` or tell apart by `name`. No error keeps a reference to the HTTP request (its headers
// hold the credentials), only plain facts about it.
import type { BackupResp, CheckpointCreate, SchemaIssue } from '@cbr-sdk/checkpoint-api';
import type { OperationId } from '../operations.js';

/** The root of every error thrown by the SDK. */
export class CbrError extends Error {
  override name = 'CbrError';
  /** Whether the SDK would consider the same call worth trying again later. */
  readonly retryable: boolean;

  constructor(message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryable = options.retryable ?? false;
  }
}

/** The SDK was configured wrongly (missing credentials, unknown region, insecure endpoint, …). */
export class CbrConfigError extends CbrError {
  override name = 'CbrConfigError';
}

/** The input breaks the spec; nothing was sent. `issues` names each field and rule. */
export class CbrValidationError extends CbrError {
  override name = 'CbrValidationError';
  readonly issues: readonly SchemaIssue[];

  constructor(message: string, issues: readonly SchemaIssue[]) {
    super(message);
    this.issues = issues;
  }
}

/** Facts about an HTTP answer, as given to {@link CbrApiError}. */
export interface ApiErrorDetails {
  operation: OperationId;
  status: number;
  /** Huawei's error code (`BackupService.6105`, `APIGW.0301`), when the body has one. */
  code?: string | undefined;
  message: string;
  requestId?: string | undefined;
  /** How long the service asked to wait (Retry-After), in milliseconds. */
  retryAfterMs?: number | undefined;
  /** The parsed error body, or the start of a non-JSON body. */
  body?: unknown;
}

/** The service answered with an error (or with a body that is not a valid answer). */
export class CbrApiError extends CbrError {
  override name = 'CbrApiError';
  readonly operation: OperationId;
  readonly status: number;
  readonly code: string | undefined;
  readonly requestId: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly body: unknown;

  constructor(details: ApiErrorDetails, retryable = false) {
    // Keystone's body repeats the status as its code ({"error":{"code":401,…}}): said once, as `HTTP 401`.
    const code = details.code && details.code !== String(details.status) ? ` ${details.code}` : '';
    const requestId = details.requestId ? ` (request id ${details.requestId})` : '';
    super(`${details.operation}: HTTP ${details.status}${code}: ${details.message}${requestId}`, { retryable });
    this.operation = details.operation;
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.retryAfterMs = details.retryAfterMs;
    this.body = details.body;
  }
}

/** 400: the service refused the request (a CBR business error such as `BackupService.6105`). */
export class CbrBadRequestError extends CbrApiError {
  override name = 'CbrBadRequestError';
}

/** 401 or 403: the token or signature was refused, or the caller lacks permission. Never retried. */
export class CbrAuthError extends CbrApiError {
  override name = 'CbrAuthError';
}

/** 404: the project, restore point or backup does not exist. */
export class CbrNotFoundError extends CbrApiError {
  override name = 'CbrNotFoundError';
}

/** 429: throttled. `retryAfterMs` says how long the service asked to wait. */
export class CbrThrottledError extends CbrApiError {
  override name = 'CbrThrottledError';
}

/** 5xx: the service or its gateway failed. */
export class CbrServerError extends CbrApiError {
  override name = 'CbrServerError';
}

/** A 2xx answer whose body is not the restore point the spec promises (truncated, not JSON, …). */
export class CbrInvalidResponseError extends CbrApiError {
  override name = 'CbrInvalidResponseError';
}

/** The connection failed. `requestSent` is false only when it provably never reached the service. */
export class CbrNetworkError extends CbrError {
  override name = 'CbrNetworkError';
  readonly operation: OperationId;
  /** The system error code, e.g. `ECONNREFUSED`, `ECONNRESET`. */
  readonly code: string | undefined;
  readonly requestSent: boolean;

  constructor(operation: OperationId, message: string, code: string | undefined, requestSent: boolean) {
    super(`${operation}: ${message}`, { retryable: true });
    this.operation = operation;
    this.code = code;
    this.requestSent = requestSent;
  }
}

/** No answer within the request timeout. The request may or may not have been processed. */
export class CbrTimeoutError extends CbrError {
  override name = 'CbrTimeoutError';
  /** The operation whose call timed out. */
  readonly operation: OperationId;
  /** The time limit that passed, in milliseconds. */
  readonly timeoutMs: number;
  /**
   * Whether the request had gone out when time ran out. `false` when the call was still waiting for what it
   * needs before sending (a token from `credentials.token`, temporary keys): then the service saw nothing, and
   * a `create` made no restore point.
   */
  readonly requestSent: boolean;

  /**
   * @param waitingFor - what the call waited for before its request could be sent (e.g. `no token from
   *   credentials.token`); when given, nothing was sent. Left out: the request went out and no answer came.
   */
  constructor(operation: OperationId, timeoutMs: number, waitingFor?: string) {
    super(
      waitingFor === undefined
        ? `${operation}: no answer within ${timeoutMs} ms`
        : `${operation}: ${waitingFor} within ${timeoutMs} ms (nothing was sent)`,
      { retryable: true },
    );
    this.operation = operation;
    this.timeoutMs = timeoutMs;
    this.requestSent = waitingFor === undefined;
  }
}

/** The caller's AbortSignal fired. */
export class CbrAbortError extends CbrError {
  override name = 'CbrAbortError';

  constructor(what: string, reason?: unknown) {
    const why = reason instanceof Error ? `: ${reason.message}` : typeof reason === 'string' ? `: ${reason}` : '';
    super(`${what} was aborted${why}`);
  }
}

/** The waiter's deadline passed before the restore point was available. */
export class CbrWaitTimeoutError extends CbrError {
  override name = 'CbrWaitTimeoutError';
  readonly checkpointId: string;
  /** The status seen last, or undefined when no poll answered. */
  readonly lastStatus: string | undefined;
  readonly checkpoint: CheckpointCreate | undefined;

  constructor(checkpointId: string, timeoutMs: number, checkpoint: CheckpointCreate | undefined) {
    super(
      `restore point ${checkpointId} was not available within ${timeoutMs} ms (last status: ${checkpoint?.status ?? 'unknown'})`,
      { retryable: true },
    );
    this.checkpointId = checkpointId;
    this.lastStatus = checkpoint?.status;
    this.checkpoint = checkpoint;
  }
}

/** The restore point ended in a state it will not leave for `available` (`error`, `deleted`, …). */
export class CbrCheckpointFailedError extends CbrError {
  override name = 'CbrCheckpointFailedError';
  readonly checkpointId: string;
  readonly status: string;
  readonly checkpoint: CheckpointCreate;

  constructor(checkpoint: CheckpointCreate, why: string) {
    super(`restore point ${checkpoint.id} ${why}`);
    this.checkpointId = checkpoint.id;
    this.status = checkpoint.status;
    this.checkpoint = checkpoint;
  }
}

/** The deadline of {@link Backups.waitUntilDeleted} passed while the backup still existed. */
export class CbrBackupWaitTimeoutError extends CbrError {
  override name = 'CbrBackupWaitTimeoutError';
  readonly backupId: string;
  /** The status seen last, or undefined when no poll answered. */
  readonly lastStatus: string | undefined;
  /** The backup as seen last, or undefined when no poll answered. */
  readonly backup: BackupResp | undefined;

  constructor(backupId: string, timeoutMs: number, backup: BackupResp | undefined) {
    super(`backup ${backupId} was not deleted within ${timeoutMs} ms (last status: ${backup?.status ?? 'unknown'})`, {
      retryable: true,
    });
    this.backupId = backupId;
    this.lastStatus = backup?.status;
    this.backup = backup;
  }
}

/** A backup being deleted went to `error` instead of away: the service failed to delete it. */
export class CbrBackupDeleteFailedError extends CbrError {
  override name = 'CbrBackupDeleteFailedError';
  readonly backupId: string;
  readonly status: string;
  readonly backup: BackupResp;

  constructor(backup: BackupResp) {
    super(`backup ${backup.id} was being deleted and is now "${backup.status}": the service did not delete it`);
    this.backupId = backup.id;
    this.status = backup.status;
    this.backup = backup;
  }
}
