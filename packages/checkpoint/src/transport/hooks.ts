// What the SDK reports about its traffic. Events carry no headers and no bodies, so nothing secret can leak
// through a hook or a log line.

import type { CbrError } from '../errors/cbr-error.js';
import type { OperationId } from '../operations.js';

/** Console-compatible logging; any method may be omitted. */
export interface Logger {
  /** Receives details: a failure the SDK does not retry, before it is thrown. */
  debug?(message: string): void;
  /** Receives notable events: a refused token renewed and the request sent again. */
  info?(message: string): void;
  /** Receives problems the SDK works around: each retry (with its pause), a token renewal that failed early. */
  warn?(message: string): void;
  /** Receives errors; the SDK throws its errors rather than logging them, so nothing is sent here today. */
  error?(message: string): void;
}

/** An HTTP request about to be sent (each attempt), as {@link ClientHooks.onRequest} receives it. */
export interface RequestEvent {
  /** The operation called, e.g. `createCheckpoint`. */
  operation: OperationId;
  /** The HTTP method, e.g. `POST`. */
  method: string;
  /** The request URL (endpoint, project id and path; never a credential). */
  url: string;
  /** 1 for the first try, 2 for the first retry, … */
  attempt: number;
}

/** An HTTP answer received (any status), as {@link ClientHooks.onResponse} receives it. */
export interface ResponseEvent extends RequestEvent {
  /** The HTTP status of the answer. */
  status: number;
  /** The answer's `X-Request-Id`, or undefined when it has none. */
  requestId: string | undefined;
  /** The time from sending the request to the end of the answer, in milliseconds. */
  durationMs: number;
}

/** A failed attempt the SDK is about to retry, as {@link ClientHooks.onRetry} receives it. */
export interface RetryEvent extends RequestEvent {
  /** Why the request is retried, e.g. `HTTP 503`, `ECONNREFUSED`. */
  reason: string;
  /** How long the SDK waits before the next attempt, in milliseconds. */
  delayMs: number;
  /** The failure of the attempt (its `name` and `message` say what happened). */
  error: CbrError;
}

/**
 * Functions the SDK calls about its traffic, for metrics or tracing. Each is optional; they are called
 * synchronously, and what one throws is not caught.
 */
export interface ClientHooks {
  /** Called before each attempt of each request is sent. */
  onRequest?(event: RequestEvent): void;
  /** Called when an answer arrives, whatever its status. */
  onResponse?(event: ResponseEvent): void;
  /** Called when a failed attempt is to be retried, before the pause. */
  onRetry?(event: RetryEvent): void;
}
