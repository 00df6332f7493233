// One HTTP request of a credential source (metadata service, pod identity, IAM's federation calls, GitHub's ID
// token endpoint): the client's default transport, a short timeout of its own, no retries (the cache asks again
// later), and every failure a CbrError with the request's secrets cut out of it.
import { CbrAbortError, CbrConfigError, CbrNetworkError, CbrTimeoutError } from '../../errors/cbr-error.js';
import { apiErrorFromResponse, type RawResponse } from '../../errors/from-response.js';
import { redact, redactText } from '../../errors/redact.js';
import type { CredentialSourceOperationId } from '../../operations.js';
import { defaultTransport } from '../../transport/default-transport.js';
import { isTransportFailure, type Transport } from '../../transport/transport.js';

export interface SourceRequest {
  operation: CredentialSourceOperationId;
  method: 'GET' | 'PUT' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Values that must never reach an error (tokens sent or received). */
  secrets: readonly string[];
}

let transport: Transport | undefined;

/** The raw answer, whatever its status; a transport failure becomes a CbrError. */
export async function sendSourceRequest(request: SourceRequest): Promise<RawResponse> {
  transport ??= defaultTransport();
  try {
    const response = await transport(
      { method: request.method, url: request.url, headers: { ...request.headers }, body: request.body },
      { timeoutMs: request.timeoutMs, signal: request.signal },
    );
    // The secrets are cut out of the body as sent and as JSON writers escape them (see redact.ts).
    return { ...response, body: redactText(response.body, request.secrets) };
  } catch (failure) {
    if (!isTransportFailure(failure)) throw failure;
    if (failure.kind === 'timeout') throw new CbrTimeoutError(request.operation, request.timeoutMs);
    if (failure.kind === 'aborted') throw new CbrAbortError(request.operation, request.signal?.reason);
    if (failure.kind === 'unsendable') {
      throw new CbrConfigError(
        `${request.operation}: the request cannot be sent (${redact(failure.message, request.secrets)}); nothing was sent`,
      );
    }
    throw new CbrNetworkError(request.operation, failure.message, failure.code, failure.requestSent);
  }
}

/** The error for an answer that is not a success (its body already without the request's secrets). */
export const sourceError = (request: SourceRequest, response: RawResponse, secrets: readonly string[] = []) =>
  apiErrorFromResponse(request.operation, response, [...request.secrets, ...secrets]);

/** The JSON object of a 2xx answer, or undefined when it is not one. */
export function jsonObject(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A time such as `2020-01-08T03:50:07.574000Z` (the metadata service's and IAM's, with a 6-digit fraction),
 * `2020-01-08T03:50:07Z` or with an offset; one without an offset is UTC, as Huawei writes them.
 */
export function parseExpiry(value: unknown): Date | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  const withZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`;
  const date = new Date(withZone);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
