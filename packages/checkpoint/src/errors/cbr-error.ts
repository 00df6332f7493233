// One error family. Every error the SDK throws is a CbrError; each kind is a subclass that callers can catch
// with `instanceof` or tell apart by `name`. No error keeps a reference to the HTTP request (its headers
// hold the credentials), only plain facts about it.
import type { BackupResp, CheckpointCreate, SchemaIssue } from '@cbr-sdk/checkpoint-api';
import type { OperationId } from '../operations.js';

/** The root of every error thrown by the SDK. */
export class CbrError extends Error {
  /** Always `'CbrError'`: tells the kind of error apart where `instanceof` cannot (another copy of the SDK). */
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
  /** Always `'CbrConfigError'`: tells the kind of error apart where `instanceof` cannot (another copy of the SDK). */
  override name = 'CbrConfigError';
}

/** The input breaks the spec; nothing was sent. `issues` names each field and rule. */
export class CbrValidationError extends CbrError {
  /** Always `'CbrValidationError'`: tells the kind of error apart where `instanceof` cannot (another copy of the SDK). */
  override name = 'CbrValidationError';
  /** Each broken rule: the field's path, the rule and a readable message. */
  readonly issues: readonly SchemaIssue[];

  constructor(message: string, issues: readonly SchemaIssue[]) {
    super(message);
    this.issues = issues;
  }
}

/** Facts about an HTTP answer, as given to {@link CbrApiError}. */
export interface ApiErrorDetails {
  /** The operation called, e.g. `createCheckpoint`. */
  operation: OperationId;
  /** The HTTP status of the answer. */
  status: number;
  /** Huawei's error code (`BackupService.6105`, `APIGW.0301`), when the body has one. */
  code?: string | undefined;
  /** What went wrong, in the service's words (its `error_msg`), or a description of the answer. */
  message: string;
  /** The request's ID (the `X-Request-Id` header or the body's `request_id`), for Huawei support. */
  requestId?: string | undefined;
  /** How long the service asked to wait (Retry-After), in milliseconds. */
  retryAfterMs?: number | undefined;
  /** The parsed error body, or the start of a non-JSON body. */
  body?: unknown;
}

/** The service answered with an error (or with a body that is not a valid answer). */
export class CbrApiError extends CbrError {
  /** Always `'CbrApiError'`: tells the kind of error apart where `instanceof` cannot (another copy of the SDK). */
  override name = 'CbrApiError';
  /** The operation called, e.g. `createCheckpoint`. */
  readonly operation: OperationId;
  /** The HTTP status of the answer (400, 401, 404, 429, 500, …). */
  readonly status: number;
  /** Huawei's error code (`BackupService.6105`, `APIGW.0301`), or undefined when the body has none. */
  readonly code: string | undefined;
  /** The request's ID (`X-Request-Id` or the body's `request_id`), to quote to Huawei support; undefined when absent. */
  readonly requestId: string | undefined;
  /** How long the service asked to wait before trying again (Retry-After), in milliseconds; undefined when it did not. */
  readonly retryAfterMs: number | undefined;
  /** The parsed error body, or the start of a body that is not JSON (secrets never included). */
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
  /** Always `'CbrBadRequestError'`: tells the kind of error apart where `instanceof` cannot (another copy of the SDK). */
  override name = 'CbrBadRequestError';
}

/** 401 or 403: the token or signature was refused, or the caller lacks permission. Never retried. */
export class CbrAuthError extends CbrApiError {
  /** Always `'CbrAuthError'`: tells the kind of error apart where `instanceof` cannot (another copy of the SDK). */
  override name = 'CbrAuthError';
}

/** 404: the project, restore point or backup does not exist. */
export class CbrNotFoundError extends CbrApiError {
  /** Always `'CbrNotFoundError'`: tells the kind of error apart where `instanceof` cannot (another copy of the SDK). */
  override name = 'CbrNotFoundError';
}

/** 429: throttled. `retryAfterMs` says how long the service asked to wait. */
export class CbrThrottledError extends CbrApiError {
  /** Always `'CbrThrottledError'`: tells the kind of error apart where `instanceof` cannot (another copy of the SDK). */
  override name = 'CbrThrottledError';
}

/** 5xx: the service or its gateway failed. */
export class CbrServerError extends CbrApiError {
  /** Always `'CbrServerError'`: tells the kind of error apart where `instanceof` cannot (another copy of the SDK). */
  override name = 'CbrServerError';
}

/** A 2xx answer whose body is not the restore point the spec promises (truncated, not JSON, …). */
export class CbrInvalidResponseError extends CbrApiError {
  /** Always `'CbrInvalidResponseError'`: tells the kind of error apart where `instanceof` cannot (another copy of the SDK). */
  override name = 'CbrInvalidResponseError';
}

/** The connection failed. `requestSent` is false only when it provably never reached the service. */
export class CbrNetworkError extends CbrError {
  /** Always `'CbrNetworkError'`: tells the kind of error apart where `instanceof` cannot (another copy of the SDK). */
  override name = 'CbrNetworkError';
  /** The operation called, e.g. `createCheckpoint`. */
  readonly operation: OperationId;
  /** The system error code, e.g. `ECONNREFUSED`, `ECONNRESET`. */
  readonly code: string | undefined;
  /**
   * Whether the request may have reached the service: false only when it provably did not (connection
   * refused), so a create that failed with `true` may have been made.
   */
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
  /** Always `'CbrTimeoutError'`: tells the kind of error apart where `instanceof` cannot (another copy of the SDK). */
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
  /** Always `'CbrAbortError'`: tells the kind of error apart where `instanceof` cannot (another copy of the SDK). */
  override name = 'CbrAbortError';

  constructor(what: string, reason?: unknown) {
    const why = reason instanceof Error ? `: ${reason.message}` : typeof reason === 'string' ? `: ${reason}` : '';
    super(`${what} was aborted${why}`);
  }
}

/** The waiter's deadline passed before the restore point was available. */
export class CbrWaitTimeoutError extends CbrError {
  /** Always `'CbrWaitTimeoutError'`: tells the kind of error apart where `instanceof` cannot (another copy of the SDK). */
  override name = 'CbrWaitTimeoutError';
  /** The ID of the restore point waited for. */
  readonly checkpointId: string;
  /** The status seen last, or undefined when no poll answered. */
  readonly lastStatus: string | undefined;
  /** The restore point as the last poll saw it, or undefined when no poll answered. */
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
  /** Always `'CbrCheckpointFailedError'`: tells the kind of error apart where `instanceof` cannot (another copy of the SDK). */
  override name = 'CbrCheckpointFailedError';
  /** The ID of the restore point. */
  readonly checkpointId: string;
  /** The status it ended in (`error`, `deleted`, …). */
  readonly status: string;
  /** The restore point as the last poll saw it. */
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
  /** The error's name: `CbrBackupWaitTimeoutError`. */
  override name = 'CbrBackupWaitTimeoutError';
  /** The ID of the backup waited for. */
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
  /** The error's name: `CbrBackupDeleteFailedError`. */
  override name = 'CbrBackupDeleteFailedError';
  /** The ID of the backup that was not deleted. */
  readonly backupId: string;
  /** The status it went to (`error`). */
  readonly status: string;
  /** The backup as the poll that saw the failure read it. */
  readonly backup: BackupResp;

  constructor(backup: BackupResp) {
    super(`backup ${backup.id} was being deleted and is now "${backup.status}": the service did not delete it`);
    this.backupId = backup.id;
    this.status = backup.status;
    this.backup = backup;
  }
}
