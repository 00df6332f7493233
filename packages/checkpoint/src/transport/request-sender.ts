// The attempt loop of every call: prepare (authenticate, sign) → send with a timeout and the caller's
// signal → read the answer → on failure ask the retry policy, report the retry, back off, try again.

import { CbrAbortError, CbrConfigError, CbrError, CbrNetworkError, CbrTimeoutError } from '../errors/cbr-error.js';
import { apiErrorFromResponse, type RawResponse } from '../errors/from-response.js';
import { redact, secretsOf } from '../errors/redact.js';
import type { OperationId } from '../operations.js';
import { sleep, throwIfAborted } from './abort.js';
import type { ClientHooks, Logger, RequestEvent } from './hooks.js';
import { mayRenewAndResend, type RetrySettings, retryDelay, retryReason } from './retry-policy.js';
import { isTransportFailure, type PreparedRequest, type Transport } from './transport.js';

export interface SenderSettings extends RetrySettings {
  timeoutMs: number;
  hooks: ClientHooks;
  logger: Logger;
  /** Source of jitter; replaced in tests. */
  random?: () => number;
}

export interface Call<T> {
  operation: OperationId;
  /** Whether resending after an ambiguous failure is harmless. */
  idempotent: boolean;
  /** Builds the request for one attempt (fresh signature and X-Sdk-Date each time). */
  prepare(): Promise<PreparedRequest>;
  /**
   * Reads a 2xx answer; throws a CbrError when its body is not what the spec promises, with `secrets` (the
   * request's credentials, given when reading again for the error) cut out of it.
   */
  read(response: RawResponse, secrets?: readonly string[]): T;
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  /**
   * After a 401 to `request`: drops the token it carried and says whether to send it once more with a new
   * one (credentials the SDK renews itself). Absent: a 401 is returned to the caller.
   */
  renew?: ((request: PreparedRequest) => boolean) | undefined;
}

/**
 * The CbrError for a transport that gave no answer. Whatever a transport throws ends here, so nothing leaves
 * the sender as a raw TypeError; its message is cut free of the request's secrets and its cause is dropped
 * (an HTTP library's error may hold the request headers).
 */
function errorOfTransportFailure(
  call: Call<unknown>,
  request: PreparedRequest,
  failure: unknown,
  timeoutMs: number,
): CbrError {
  const { operation } = call;
  if (!isTransportFailure(failure)) {
    const { name, message } = (failure ?? {}) as { name?: unknown; message?: unknown };
    const what = `${typeof name === 'string' ? name : 'error'}${typeof message === 'string' ? `: ${message}` : ''}`;
    return new CbrError(`${operation}: the transport failed unexpectedly (${redact(what, secretsOf(request))})`);
  }
  if (failure.kind === 'timeout') return new CbrTimeoutError(operation, timeoutMs);
  if (failure.kind === 'aborted') return new CbrAbortError(operation, call.signal?.reason);
  if (failure.kind === 'unsendable') {
    return new CbrConfigError(
      `${operation}: the request cannot be sent (${redact(failure.message, secretsOf(request))}); nothing was sent`,
    );
  }
  return new CbrNetworkError(operation, failure.message, failure.code, failure.requestSent);
}

export class RequestSender {
  readonly #transport: Transport;
  readonly #settings: SenderSettings;

  constructor(transport: Transport, settings: SenderSettings) {
    this.#transport = transport;
    this.#settings = settings;
  }

  async send<T>(call: Call<T>): Promise<T> {
    const settings = this.#settings;
    const timeoutMs = call.timeoutMs ?? settings.timeoutMs;
    let retries = 0;
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      throwIfAborted(call.signal, call.operation);
      const request = await call.prepare();
      const event: RequestEvent = { operation: call.operation, method: request.method, url: request.url, attempt };
      let error: CbrError;
      try {
        return await this.#attempt(call, request, event, timeoutMs);
      } catch (caught) {
        if (!(caught instanceof CbrError)) throw caught;
        error = caught;
      }
      if (error instanceof CbrAbortError) throw error;

      // A refused token the SDK keeps itself: renewed, and the request sent once more (see retry-policy.ts).
      if (!renewed && mayRenewAndResend(error) && call.renew?.(request)) {
        renewed = true;
        const reason = `HTTP 401${error.code ? ` ${error.code}` : ''}, token renewed`;
        settings.hooks.onRetry?.({ ...event, reason, delayMs: 0, error });
        settings.logger.info?.(`cbr: ${call.operation} attempt ${attempt} was refused (${reason}); sending it again`);
        continue;
      }

      const reason = retryReason(error, call.idempotent);
      const delayMs =
        reason !== undefined && retries < settings.maxRetries
          ? retryDelay(retries + 1, error, settings, settings.random)
          : undefined;
      if (reason === undefined || delayMs === undefined) {
        settings.logger.debug?.(`cbr: ${call.operation} failed on attempt ${attempt}: ${error.message}`);
        throw error;
      }
      retries++;
      settings.hooks.onRetry?.({ ...event, reason, delayMs, error });
      settings.logger.warn?.(
        `cbr: ${call.operation} attempt ${attempt} failed (${reason}); retrying in ${delayMs} ms (${retries}/${settings.maxRetries})`,
      );
      await sleep(delayMs, call.signal, call.operation);
    }
  }

  async #attempt<T>(call: Call<T>, request: PreparedRequest, event: RequestEvent, timeoutMs: number): Promise<T> {
    const { hooks } = this.#settings;
    hooks.onRequest?.(event);
    const started = Date.now();
    let response: RawResponse;
    try {
      response = await this.#transport(request, { timeoutMs, signal: call.signal });
    } catch (failure) {
      throw errorOfTransportFailure(call, request, failure, timeoutMs);
    }
    hooks.onResponse?.({
      ...event,
      status: response.status,
      requestId: response.headers['x-request-id'],
      durationMs: Date.now() - started,
    });
    if (response.status >= 200 && response.status < 300) {
      try {
        return call.read(response);
      } catch (error) {
        // The body goes into the error: read it again with the request's credentials to cut out of it (only
        // now, so that a good answer costs no redaction work).
        if (error instanceof CbrError) return call.read(response, secretsOf(request));
        throw error;
      }
    }
    throw apiErrorFromResponse(call.operation, response, secretsOf(request));
  }
}
