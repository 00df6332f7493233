// What the SDK reports about its traffic. Events carry no headers and no bodies, so nothing secret can leak
// through a hook or a log line.

import type { CbrError } from '../errors/cbr-error.js';
import type { OperationId } from '../operations.js';

/** Console-compatible logging; any method may be omitted. */
export interface Logger {
  debug?(message: string): void;
  info?(message: string): void;
  warn?(message: string): void;
  error?(message: string): void;
}

export interface RequestEvent {
  operation: OperationId;
  method: string;
  /** The request URL (endpoint, project id and path; never a credential). */
  url: string;
  /** 1 for the first try, 2 for the first retry, … */
  attempt: number;
}

export interface ResponseEvent extends RequestEvent {
  status: number;
  requestId: string | undefined;
  durationMs: number;
}

export interface RetryEvent extends RequestEvent {
  /** Why the request is retried, e.g. `HTTP 503`, `ECONNREFUSED`. */
  reason: string;
  /** How long the SDK waits before the next attempt. */
  delayMs: number;
  error: CbrError;
}

export interface ClientHooks {
  onRequest?(event: RequestEvent): void;
  onResponse?(event: ResponseEvent): void;
  onRetry?(event: RetryEvent): void;
}
