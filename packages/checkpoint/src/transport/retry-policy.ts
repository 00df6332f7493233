// When a failed request is tried again, and after how long. A create is not idempotent: it is resent only
// when the service provably did not process it (the connection was refused, a 429 throttled it before
// processing, or a 401 refused its token). A GET is resent after any transient failure. 401/403 are not
// retried as they are (the gateway locks an AK after five failed authentications, IAM a user after a few
// wrong passwords); the one exception is a token the SDK obtained itself, renewed once after a 401.
// A delete is idempotent in effect (deleting a backup twice leaves it as deleting it once), so it is resent
// like a GET; and when the resend finds the backup gone after an earlier attempt that may have been
// processed, the delete is done: that earlier attempt deleted it (see resentDeleteOutcome).
import {
  CbrApiError,
  CbrAuthError,
  CbrBadRequestError,
  type CbrError,
  CbrInvalidResponseError,
  CbrNetworkError,
  CbrNotFoundError,
  CbrServerError,
  CbrThrottledError,
  CbrTimeoutError,
} from '../errors/cbr-error.js';

export interface RetrySettings {
  maxRetries: number;
  retryBaseDelayMs: number;
  maxRetryDelayMs: number;
}

/**
 * Whether a 401 may be answered by renewing the SDK's own token and sending the request once more. A 401
 * comes from the API gateway, which refuses the request before the service sees it: resending it cannot
 * create a second restore point, so this holds for create too. Once per call: a second 401 is returned.
 */
export function mayRenewAndResend(error: CbrError): error is CbrAuthError {
  return error instanceof CbrAuthError && error.status === 401;
}

/** Why the failure may be retried, or undefined when it must be returned to the caller. */
export function retryReason(error: CbrError, idempotent: boolean): string | undefined {
  if (error instanceof CbrAuthError) return undefined;
  if (error instanceof CbrThrottledError) return `HTTP ${error.status}${error.code ? ` ${error.code}` : ''}`;
  if (error instanceof CbrNetworkError) {
    if (idempotent || !error.requestSent) return error.code ?? 'network error';
    return undefined;
  }
  if (!idempotent) return undefined;
  if (error instanceof CbrServerError) return `HTTP ${error.status}${error.code ? ` ${error.code}` : ''}`;
  if (error instanceof CbrInvalidResponseError) return 'invalid response body';
  if (error instanceof CbrTimeoutError) return `timeout after ${error.timeoutMs} ms`;
  return undefined;
}

/**
 * Whether a failed attempt may still have been processed by the service: no answer in time, a connection
 * dropped after the request went out, a 5xx, or a 2xx whose body could not be read. A refusal (4xx, 429
 * included) or a connection that never reached the service processed nothing.
 */
export function mayHaveBeenProcessed(error: CbrError): boolean {
  if (error instanceof CbrTimeoutError) return true;
  if (error instanceof CbrNetworkError) return error.requestSent;
  return error instanceof CbrServerError || error instanceof CbrInvalidResponseError;
}

/**
 * What a resent delete's failure means when an earlier attempt may have been processed (see
 * {@link mayHaveBeenProcessed}): `done` when the backup is gone (404), since that earlier attempt deleted
 * it; `look` when the service refused the resend (400: the backup is being deleted already, for one), so the
 * backup must be read to tell; `failed` otherwise. A first attempt's 404 stays an error: nothing was deleted.
 */
export function resentDeleteOutcome(error: CbrError): 'done' | 'look' | 'failed' {
  if (error instanceof CbrNotFoundError) return 'done';
  if (error instanceof CbrBadRequestError) return 'look';
  return 'failed';
}

/**
 * The wait before retry number `retry` (1 = first retry): exponential backoff with full jitter, but at
 * least what Retry-After asks. Undefined when Retry-After asks for longer than `maxRetryDelayMs`: the
 * caller gets the error (and its `retryAfterMs`) rather than a silently long stall.
 */
export function retryDelay(
  retry: number,
  error: CbrError,
  settings: RetrySettings,
  random: () => number = Math.random,
): number | undefined {
  const ceiling = Math.min(settings.maxRetryDelayMs, settings.retryBaseDelayMs * 2 ** (retry - 1));
  const jittered = Math.floor(random() * ceiling);
  const asked = error instanceof CbrApiError ? error.retryAfterMs : undefined;
  if (asked === undefined) return jittered;
  if (asked > settings.maxRetryDelayMs) return undefined;
  return Math.max(asked, jittered);
}
