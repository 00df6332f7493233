// What the mock keeps of each request, for tests to look at. Credentials are redacted before anything is
// kept, so a recorded request can be printed or compared without leaking a token or a signature.
import type { IncomingHttpHeaders } from 'node:http';
import type { Fault } from './faults.js';
import type { MockOperationId } from './routes.js';

/** What replaces a credential in recorded headers. */
export const REDACTED = '[REDACTED]';

/**
 * How much of each request body a record keeps, in bytes (4 KiB): enough for any body of the spec, while a
 * flood of large bodies (1 MiB each by default) cannot make the recorder hold gigabytes.
 */
export const RECORDED_BODY_BYTES = 4096;

/** The default byte bound on all records together (`maxRecordedBytes`): 32 MiB. */
export const DEFAULT_MAX_RECORDED_BYTES = 32 * 1024 * 1024;

/** What one record costs besides its body and header text (the objects, the id, the date), estimated. */
const RECORD_OVERHEAD_BYTES = 512;

const SECRET_HEADERS = new Set(['x-auth-token', 'authorization', 'x-security-token', 'x-metadata-token']);

/** One request the mock received. */
export interface RecordedRequest {
  /** The id the mock answered in `X-Request-Id`. */
  requestId: string;
  /** The HTTP method, e.g. `POST`. */
  method: string;
  /** The request target exactly as it arrived (path and query, not normalised). */
  path: string;
  /** The operation of the spec it was routed to, if any. */
  operation: MockOperationId | undefined;
  /**
   * The headers (lower-case names), with `x-auth-token`, `authorization` (an AK/SK signature, a bearer ID token,
   * pod identity's authorization token), `x-security-token` and `x-metadata-token` values replaced by `[REDACTED]`.
   */
  headers: IncomingHttpHeaders;
  /** The headers as received (name, value, name, value, …; names in their case), redacted likewise. */
  rawHeaders: string[];
  /** Whether a non-empty `X-Auth-Token` was sent. */
  hasToken: boolean;
  /** Whether a non-empty `Authorization` was sent. */
  hasAuthorization: boolean;
  /**
   * The first {@link RECORDED_BODY_BYTES} (4 KiB) of the body (empty when it was refused for its size). A
   * token request's body is kept re-serialised, its password replaced by `[REDACTED]`.
   */
  body: Buffer;
  /** The size of the whole body received, in bytes (0 when it was refused for its size before being read). */
  bodySize: number;
  /** Whether `body` is shorter than the body received: cut at 4 KiB, or refused for its size (413). */
  bodyTruncated: boolean;
  /** The fault applied to it, if any. */
  fault: Fault | undefined;
  /** The status answered; undefined while in progress or when the connection was reset. */
  status: number | undefined;
  /** When it arrived (the server's clock). */
  receivedAt: Date;
}

const present = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.some((v) => v.trim() !== '') : value !== undefined && value.trim() !== '';

/** The record of a request, credentials redacted. */
export function recordRequest(fields: {
  requestId: string;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  /** The body to keep, a token request's password already redacted; only its head is kept. */
  body: Buffer;
  /** The size of the body received, in bytes. */
  bodySize: number;
  /** Whether the body was refused for its size (and so not read). */
  tooLarge: boolean;
  receivedAt: Date;
}): RecordedRequest {
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(fields.headers)) {
    headers[name] = SECRET_HEADERS.has(name) && value !== undefined ? REDACTED : value;
  }
  const rawHeaders = fields.rawHeaders.map((value, index) =>
    index % 2 === 1 && SECRET_HEADERS.has((fields.rawHeaders[index - 1] ?? '').toLowerCase()) ? REDACTED : value,
  );
  return {
    requestId: fields.requestId,
    method: fields.method,
    path: fields.path,
    operation: undefined,
    headers,
    rawHeaders,
    hasToken: present(fields.headers['x-auth-token']),
    hasAuthorization: present(fields.headers.authorization),
    // A copy, so the record does not pin the whole received buffer in memory.
    body: Buffer.from(fields.body.subarray(0, RECORDED_BODY_BYTES)),
    bodySize: fields.bodySize,
    bodyTruncated: fields.tooLarge || fields.body.length > RECORDED_BODY_BYTES,
    fault: undefined,
    status: undefined,
    receivedAt: fields.receivedAt,
  };
}

/** Where each operation's body carries a secret: the path to it. */
const SECRET_BODY_FIELDS: Partial<Record<MockOperationId, readonly string[]>> = {
  keystoneCreateUserTokenByPassword: ['auth', 'identity', 'password', 'user', 'password'],
  createTokenWithIdToken: ['auth', 'id_token', 'id'],
  createTemporaryAccessKeyByToken: ['auth', 'identity', 'token', 'id'],
};

/**
 * The body of a request with its secret replaced by `[REDACTED]` (the password of a token request, the ID token
 * of an ID-token exchange, the IAM token of a temporary-key request), so that a recorded request never holds
 * it. Anything else is kept as it came.
 */
export function withoutSecrets(operation: MockOperationId | undefined, body: Buffer): Buffer {
  const path = operation === undefined ? undefined : SECRET_BODY_FIELDS[operation];
  if (!path) return body;
  try {
    const value = JSON.parse(body.toString('utf8'));
    let parent = value;
    for (const key of path.slice(0, -1)) parent = parent?.[key];
    const last = path.at(-1) as string;
    if (parent && typeof parent === 'object' && last in parent) {
      parent[last] = REDACTED;
      return Buffer.from(JSON.stringify(value));
    }
  } catch {
    // Not JSON (the mock answers 400), but it may still hold the secret in part: keep none of it.
    return Buffer.from(REDACTED);
  }
  return body;
}

/**
 * What a record holds in memory, in bytes, estimated: its kept body, the text of its headers (kept twice:
 * `headers` and `rawHeaders`) and path, and a fixed overhead. The sum over records is what `maxRecordedBytes`
 * bounds.
 */
export function recordedBytesOf(record: RecordedRequest): number {
  let text = record.path.length + record.method.length;
  for (const value of record.rawHeaders) text += value.length;
  // Header text is Latin-1 (a byte a character in V8), counted twice: `headers` and `rawHeaders`.
  return RECORD_OVERHEAD_BYTES + record.body.length + 2 * text;
}

/**
 * The recorded requests, bounded by count and by bytes: the oldest go first. Trimmed in batches (an eighth of
 * a bound) rather than one record a request: dropping the front of a large array moves all of it.
 */
export class RequestLog {
  /** The records, oldest first: the array the server exposes as `requests` (tests may read or clear it). */
  readonly records: RecordedRequest[] = [];
  readonly #sizes = new WeakMap<RecordedRequest, number>();
  #bytes = 0;

  constructor(
    /** How many records are kept (up to an eighth more between two trims). */
    readonly maxCount: number,
    /** How many bytes ({@link recordedBytesOf}) all records may hold together; the newest is always kept. */
    readonly maxBytes: number,
  ) {
    if (!(maxBytes === Number.POSITIVE_INFINITY || (Number.isInteger(maxBytes) && maxBytes >= 1))) {
      throw new RangeError(`maxRecordedBytes must be a positive integer or Infinity (got ${String(maxBytes)})`);
    }
  }

  /** Keeps a record, dropping the oldest ones when a bound is passed. */
  add(record: RecordedRequest): void {
    const size = recordedBytesOf(record);
    this.#sizes.set(record, size);
    this.#bytes += size;
    this.records.push(record);
    if (this.records.length > this.maxCount + Math.floor(this.maxCount / 8)) {
      this.#drop(this.records.length - this.maxCount);
    }
    if (this.#bytes > this.maxBytes) {
      // Recounted first: the array is public, and a test may have cleared or edited it.
      this.#bytes = this.records.reduce((sum, kept) => sum + this.#sizeOf(kept), 0);
      const target = this.maxBytes - Math.floor(this.maxBytes / 8);
      let count = 0;
      let bytes = this.#bytes;
      while (bytes > target && count < this.records.length - 1) {
        bytes -= this.#sizeOf(this.records[count] as RecordedRequest);
        count += 1;
      }
      if (this.#bytes > this.maxBytes) this.#drop(count);
    }
  }

  /** Forgets every record. */
  clear(): void {
    this.records.length = 0;
    this.#bytes = 0;
  }

  #sizeOf(record: RecordedRequest): number {
    return this.#sizes.get(record) ?? recordedBytesOf(record);
  }

  #drop(count: number): void {
    for (const dropped of this.records.splice(0, count)) this.#bytes -= this.#sizeOf(dropped);
  }
}
