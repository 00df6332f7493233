// Reads the body of a 2xx answer into the backup or the page of backups it must hold. Only what the SDK
// relies on is checked (an id and a status; an array of backups), so a field or status the service adds
// later does not break an older client.
import type { BackupListResp, BackupResp } from '@cbr-sdk/checkpoint-api';
import { invalidResponseError, parseJson, type RawResponse } from '../errors/from-response.js';
import type { OperationId } from '../operations.js';

const isBackup = (value: unknown): value is BackupResp =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as BackupResp).id === 'string' &&
  typeof (value as BackupResp).status === 'string';

/** The `backup` of a showBackup answer; `secrets` (the request's credentials) never reach the error it may throw. */
export function readBackup(operation: OperationId, response: RawResponse, secrets: readonly string[] = []): BackupResp {
  const body = parseJson(response.body) as { backup?: unknown } | undefined;
  if (body === undefined) {
    throw invalidResponseError(operation, response, 'the answer is not JSON (empty, truncated or malformed)', secrets);
  }
  if (!isBackup(body?.backup)) {
    throw invalidResponseError(
      operation,
      response,
      'the answer has no "backup" object with an id and a status',
      secrets,
    );
  }
  return body.backup;
}

/** A listBackups answer: `backups` (each with an id and a status) and `count`. */
export function readBackupList(
  operation: OperationId,
  response: RawResponse,
  secrets: readonly string[] = [],
): BackupListResp {
  const body = parseJson(response.body) as Partial<BackupListResp> | undefined;
  if (body === undefined) {
    throw invalidResponseError(operation, response, 'the answer is not JSON (empty, truncated or malformed)', secrets);
  }
  if (!Array.isArray(body.backups) || !body.backups.every(isBackup)) {
    throw invalidResponseError(
      operation,
      response,
      'the answer has no "backups" array of backups with an id and a status',
      secrets,
    );
  }
  return body as BackupListResp;
}
