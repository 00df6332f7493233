// Turns an HTTP error answer into the right CbrApiError, whatever its body: Huawei's
// {"error_code","error_msg"}, the {"error":{"code","message"}} shape, OpenStack-style {"unauthorized":{…}},
// a gateway's HTML page, an empty or truncated body. Never a JSON parse crash.
import type { OperationId } from '../operations.js';
import {
  type ApiErrorDetails,
  CbrApiError,
  CbrAuthError,
  CbrBadRequestError,
  CbrInvalidResponseError,
  CbrNotFoundError,
  CbrServerError,
  CbrThrottledError,
} from './cbr-error.js';
import { redactText, redactValue } from './redact.js';

/** An HTTP answer as the transport hands it over: the body as text, header names lower-case. */
export interface RawResponse {
  status: number;
  headers: Readonly<Record<string, string | undefined>>;
  body: string;
}

const BODY_EXCERPT_LENGTH = 200;

/** JSON.parse that answers undefined instead of throwing. */
export function parseJson(text: string): unknown {
  if (!/\S/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
const asText = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;

/** The code, message and request id of a JSON error body, in any of the shapes Huawei's services use. */
function readErrorBody(body: Record<string, unknown>): { code?: string; message?: string; requestId?: string } {
  const requestId = asText(body.request_id);
  if (asText(body.error_code) || asText(body.error_msg)) {
    return { code: asText(body.error_code), message: asText(body.error_msg), requestId };
  }
  // {"error": {...}} and OpenStack's {"unauthorized": {...}}, {"itemNotFound": {...}}: one key, an object.
  const entries = Object.entries(body);
  const [key, inner] = entries.length === 1 ? (entries[0] as [string, unknown]) : [undefined, undefined];
  const nested = asRecord(inner);
  if (key && nested) {
    const code = asText(nested.error_code) ?? asText(nested.code);
    const message = asText(nested.error_msg) ?? asText(nested.message);
    return {
      code: key === 'error' ? code : code && !/^\d+$/.test(code) ? code : key,
      message,
      requestId: requestId ?? asText(nested.request_id),
    };
  }
  return { message: asText(body.message), code: asText(body.code), requestId };
}

function describeNonJson(status: number, text: string, contentType: string | undefined): string {
  if (text.trim() === '') return `HTTP ${status} with an empty body`;
  if (/html/i.test(contentType ?? '') || /^\s*</.test(text)) {
    const title = /<title[^>]*>([^<]{0,120})<\/title>/i.exec(text)?.[1]?.trim();
    return `the gateway answered with an HTML page${title ? ` ("${title}")` : ''} instead of JSON`;
  }
  if (/json/i.test(contentType ?? '') || /^\s*[[{]/.test(text)) return 'the body is malformed or truncated JSON';
  return `the body is not JSON (${contentType ?? 'no content type'})`;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const excerpt = (text: string) => (text.length > BODY_EXCERPT_LENGTH ? `${text.slice(0, BODY_EXCERPT_LENGTH)}…` : text);

/**
 * The CbrApiError for an answer that is not a success. `secrets` (the request's credentials) are cut out of
 * everything taken from the body, whatever its escaping (see redact.ts).
 */
export function apiErrorFromResponse(
  operation: OperationId,
  response: RawResponse,
  secrets: readonly string[] = [],
): CbrApiError {
  const parsed = asRecord(parseJson(response.body));
  const json = parsed && (redactValue(parsed, secrets) as Record<string, unknown>);
  const text = json ? '' : redactText(response.body, secrets);
  const fields = json ? readErrorBody(json) : {};
  const details: ApiErrorDetails = {
    operation,
    status: response.status,
    code: fields.code,
    message:
      fields.message ??
      (json
        ? 'the error body has no message'
        : describeNonJson(response.status, text, response.headers['content-type'])),
    // IAM answers carry X-IAM-Trace-Id too: what Huawei's own SDKs quote when there is no request id.
    requestId: response.headers['x-request-id'] ?? fields.requestId ?? response.headers['x-iam-trace-id'],
    retryAfterMs: parseRetryAfter(response.headers['retry-after']),
    body: json ?? (text === '' ? undefined : excerpt(text)),
  };
  const { status } = response;
  if (status === 400) return new CbrBadRequestError(details);
  if (status === 401 || status === 403) return new CbrAuthError(details);
  if (status === 404) return new CbrNotFoundError(details);
  if (status === 429) return new CbrThrottledError(details, true);
  if (status >= 500) return new CbrServerError(details, true);
  return new CbrApiError(details);
}

/**
 * The error for a 2xx answer whose body is not what the operation promises. `secrets` are cut out of the
 * reason and of the body's excerpt (a JSON body is redacted parsed, then shown re-serialised).
 */
export function invalidResponseError(
  operation: OperationId,
  response: RawResponse,
  why: string,
  secrets: readonly string[] = [],
): CbrInvalidResponseError {
  const parsed = parseJson(response.body);
  const body = parsed === undefined ? redactText(response.body, secrets) : JSON.stringify(redactValue(parsed, secrets));
  return new CbrInvalidResponseError({
    operation,
    status: response.status,
    code: undefined,
    message: redactText(why, secrets),
    requestId: response.headers['x-request-id'],
    body: excerpt(body),
  });
}
