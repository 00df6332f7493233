// Reads the body of a 2xx answer into the restore point it must hold. Only what the SDK relies on is
// checked (an object with a string id and status), so a field or status added by the service later does
// not break an older client.
import type { CheckpointCreate, CheckpointCreateResp } from '@cbr-sdk/checkpoint-api';
import { invalidResponseError, parseJson, type RawResponse } from '../errors/from-response.js';
import type { OperationId } from '../operations.js';

/** The restore point of a 2xx answer; `secrets` (the request's credentials) never reach the error it may throw. */
export function readCheckpoint(
  operation: OperationId,
  response: RawResponse,
  secrets: readonly string[] = [],
): CheckpointCreate {
  const body = parseJson(response.body) as Partial<CheckpointCreateResp> | undefined;
  const checkpoint = body?.checkpoint as Partial<CheckpointCreate> | undefined;
  if (body === undefined) {
    throw invalidResponseError(operation, response, 'the answer is not JSON (empty, truncated or malformed)', secrets);
  }
  if (typeof checkpoint !== 'object' || checkpoint === null) {
    throw invalidResponseError(operation, response, 'the answer has no "checkpoint" object', secrets);
  }
  if (typeof checkpoint.id !== 'string' || typeof checkpoint.status !== 'string') {
    throw invalidResponseError(operation, response, 'the restore point in the answer has no id or status', secrets);
  }
  return checkpoint as CheckpointCreate;
}
