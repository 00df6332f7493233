// Scripted faults: what a test asks the mock to do instead of (or on top of) answering normally, to exercise
// a client's error handling and retries. A fault is queued, picks the requests it applies to (by route, and
// optionally a predicate), and is used up after `times` requests.
import { CREATE_CHECKPOINT_RESPONSE_EXAMPLE } from '@cbr-sdk/checkpoint-api';
import { json } from './body.js';
import type { RecordedRequest } from './recorder.js';
import type { MockOperationId } from './routes.js';

/** The operation a fault aims at (CBR's or IAM's operationId), or `'*'` for every request (unknown routes included). */
export type FaultRoute = MockOperationId | '*';

/** Which requests a fault applies to, when, and how often. */
export interface FaultTarget {
  /** Default `'*'`. */
  route?: FaultRoute;
  /** Also required of the request, e.g. `(r) => r.hasToken`. */
  match?: (request: RecordedRequest) => boolean;
  /** How many matching requests it applies to; default 1, `Infinity` for all. */
  times?: number;
  /**
   * `'before'` (default): instead of processing the request, so nothing is created.
   * `'after'`: the request is processed (a restore point may be created), then the answer is replaced.
   */
  phase?: 'before' | 'after';
  /** Waits this long before the fault's answer (or reset), in milliseconds. Default 0 (no wait). */
  delayMs?: number;
}

/** What a fault does. */
export type FaultAction =
  /** Answers this status and body: an object is sent as JSON, a string or bytes as they are, no body as empty. */
  | { kind: 'respond'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Destroys the connection without an answer (the client sees ECONNRESET or "socket hang up"). */
  | { kind: 'reset' }
  /** Only waits `delayMs`, then answers normally (with `phase: 'after'`: processes, waits, answers). */
  | { kind: 'delay' }
  /** An API gateway's HTML error page, `text/html` (default status 502). */
  | { kind: 'gateway-html'; status?: number }
  /** Cut-off JSON: the real answer (phase `'after'`) or the seed's example (phase `'before'`), halved. */
  | { kind: 'truncated-json'; status?: number }
  /** Throttling: 429 (default) or 503 with `Retry-After` (seconds, or a date sent as an HTTP date). */
  | { kind: 'throttle'; status?: 429 | 503; retryAfter: number | Date | string; body?: unknown }
  /** An answer with no body at all (default status 200). */
  | { kind: 'empty'; status?: number };

/** A scripted fault: a target and an action. */
export type Fault = FaultTarget & FaultAction;

/** The kinds of fault. */
export type FaultKind = FaultAction['kind'];

/** An HTTP answer, before it is sent. */
export interface Answer {
  /** The HTTP status. */
  status: number;
  /** The headers to send (lower-case names). */
  headers: Record<string, string>;
  /** The body's bytes (empty for none). */
  body: Buffer;
}

const gatewayPage = (status: number) => {
  const title = `${status} ${status === 504 ? 'Gateway Time-out' : status === 503 ? 'Service Unavailable' : 'Bad Gateway'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
};

const THROTTLE_BODIES = {
  429: { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached' },
  503: { error_code: 'APIGW.0203', error_msg: 'Service unavailable, try again later' },
} as const;

/**
 * The answer a fault gives. `real` is the normal answer when the request was processed (phase `'after'`).
 * `'reset'` means: destroy the connection. `'pass'` means: answer normally.
 */
export function faultAnswer(fault: Fault, real: Answer | undefined): Answer | 'reset' | 'pass' {
  switch (fault.kind) {
    case 'reset':
      return 'reset';
    case 'delay':
      return 'pass';
    case 'respond': {
      const { body } = fault;
      if (body === undefined) return { status: fault.status, headers: { ...fault.headers }, body: Buffer.alloc(0) };
      if (typeof body === 'string' || body instanceof Uint8Array) {
        return { status: fault.status, headers: { ...fault.headers }, body: Buffer.from(body) };
      }
      return json(fault.status, body, fault.headers);
    }
    case 'gateway-html': {
      const status = fault.status ?? 502;
      return { status, headers: { 'content-type': 'text/html' }, body: Buffer.from(gatewayPage(status)) };
    }
    case 'truncated-json': {
      const whole = real?.body ?? Buffer.from(JSON.stringify(CREATE_CHECKPOINT_RESPONSE_EXAMPLE));
      const status = fault.status ?? real?.status ?? 200;
      return {
        status,
        headers: { 'content-type': 'application/json;charset=UTF-8' },
        body: whole.subarray(0, Math.floor(whole.length / 2)),
      };
    }
    case 'throttle': {
      const status = fault.status ?? 429;
      const retryAfter = fault.retryAfter instanceof Date ? fault.retryAfter.toUTCString() : String(fault.retryAfter);
      return json(status, fault.body ?? THROTTLE_BODIES[status], { 'retry-after': retryAfter });
    }
    case 'empty':
      return { status: fault.status ?? 200, headers: {}, body: Buffer.alloc(0) };
  }
}

/** The queue of scripted faults of a server: `server.faults.push({ route: 'createCheckpoint', kind: 'reset' })`. */
export class FaultQueue {
  #entries: { fault: Fault; remaining: number }[] = [];

  /** Queues faults; each applies to the next matching requests, in queue order. */
  push(...faults: Fault[]): this {
    for (const fault of faults) this.#entries.push({ fault, remaining: fault.times ?? 1 });
    return this;
  }

  /** Drops every queued fault. */
  clear(): void {
    this.#entries = [];
  }

  /** The faults not used up yet. */
  get pending(): readonly Fault[] {
    return this.#entries.map((entry) => entry.fault);
  }

  /** Takes the first fault for this request (one use of it), if any. */
  take(operation: MockOperationId | undefined, request: RecordedRequest): Fault | undefined {
    const index = this.#entries.findIndex(({ fault }) => {
      const route = fault.route ?? '*';
      return (route === '*' || route === operation) && (fault.match?.(request) ?? true);
    });
    const entry = this.#entries[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.#entries.splice(index, 1);
    return entry.fault;
  }
}
