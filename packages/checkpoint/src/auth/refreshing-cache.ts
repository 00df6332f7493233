// ONE cache for everything the SDK obtains that expires: an IAM user's token, and temporary access keys from a
// provider (ECS metadata, OIDC federation, pod identity, a caller's own function). It obtains a value when there
// is none, replaces it ahead of its expiry, drops it when the service refuses it, and never hands out one that is
// past its expiry. One request to the source at a time, whatever the number of callers (single-flight), as
// Azure's tokenCycler does.
import { CbrAuthError, CbrTimeoutError } from '../errors/cbr-error.js';
import type { OperationId } from '../operations.js';
import { SingleFlight } from '../single-flight.js';
import { raceSignal, type WaitLimits } from '../transport/abort.js';

/** What a source hands out, and how long it lives. */
export interface Expiring {
  /** The lifetime from `requestedAt`, in milliseconds; `Infinity` for a value that does not expire. */
  lifetimeMs: number;
  /**
   * The local (monotonic) time the request for it was sent. The lifetime is counted from here, which is
   * before the source issued it, so the local expiry is never later than the source's.
   */
  requestedAt: number;
}

/** A value held by the cache, with its local expiry and the moment to start replacing it. */
export type Held<T extends Expiring> = T & { expiresAt: number; refreshAt: number };

/**
 * How long before expiry a value is replaced: 10 % of its lifetime, at most 40 minutes (the official SDKs'
 * threshold for temporary credentials). A 24 h token is replaced 40 minutes before it expires, a 2 s one
 * 200 ms before.
 */
export const REFRESH_MARGIN = { fraction: 0.1, maxMs: 40 * 60 * 1000 } as const;

/** After a failed refresh while the current value is still valid, the source is not asked again for this long. */
const REFRESH_RETRY_MS = 30_000;

export function hold<T extends Expiring>(issued: T): Held<T> {
  const expiresAt = issued.requestedAt + issued.lifetimeMs;
  const margin = Math.min(issued.lifetimeMs * REFRESH_MARGIN.fraction, REFRESH_MARGIN.maxMs);
  return { ...issued, expiresAt, refreshAt: expiresAt - margin };
}

export interface RefreshingCacheOptions<T extends Expiring> {
  /** Obtains a new value from its source. */
  obtain: () => Promise<T>;
  /**
   * The source's call, named in the CbrAbortError or CbrTimeoutError of a caller who gave up waiting for it.
   * Absent: `get` ignores its limits, and its callers race the wait themselves (naming their own operation).
   */
  what?: OperationId;
  /** A monotonic clock in milliseconds; default `performance.now()`. */
  now?: () => number;
  /** Told when a refresh ahead of expiry failed (the current value stays in use until it expires). */
  onRefreshFailed?: (error: unknown) => void;
}

export class RefreshingCache<T extends Expiring> {
  readonly #obtain: () => Promise<T>;
  readonly #what: OperationId | undefined;
  readonly #now: () => number;
  readonly #onRefreshFailed: (error: unknown) => void;
  #held: Held<T> | undefined;
  readonly #request = new SingleFlight<Held<T>>();
  /** No refresh ahead of expiry before this time (after one failed). */
  #refreshPausedUntil = Number.NEGATIVE_INFINITY;

  constructor(options: RefreshingCacheOptions<T>) {
    this.#obtain = options.obtain;
    this.#what = options.what;
    this.#now = options.now ?? (() => performance.now());
    this.#onRefreshFailed = options.onRefreshFailed ?? (() => {});
  }

  /**
   * The value to use now. Before its refresh point: the cached one. Between the refresh point and expiry:
   * still the cached one, while one request obtains its successor. Without a valid value: waits for the one
   * request in flight (a failure reaches every waiter, and the next call asks again), at most until `limits`
   * (the caller's signal and timeout) say stop.
   */
  get(limits: WaitLimits = {}): Promise<Held<T>> {
    const held = this.usable();
    if (held !== undefined) return Promise.resolve(held);
    this.#held = undefined;
    // The caller gives up at its signal or its timeout; the request goes on for the others waiting for it.
    const what = this.#what;
    if (what === undefined) return this.#obtainShared();
    const { timeoutMs } = limits;
    return raceSignal(
      this.#obtainShared(),
      limits.signal,
      what,
      timeoutMs === undefined ? undefined : { ms: timeoutMs, onTimeout: () => new CbrTimeoutError(what, timeoutMs) },
    );
  }

  /**
   * The cached value when it is still valid (starting the refresh of its successor inside the refresh window),
   * without a promise: the hot path of every signed request. Undefined when `get` must obtain one.
   */
  usable(): Held<T> | undefined {
    const held = this.#held;
    if (held === undefined) return undefined;
    const now = this.#now();
    if (now >= held.expiresAt) return undefined;
    if (now >= held.refreshAt) this.#refreshAhead(held, now);
    return held;
  }

  /**
   * The service refused a request (HTTP 401: expired early, revoked, the password changed). Drops the cached
   * value if `refused` says the request carried it, so the next `get` obtains a new one (once, however many
   * callers were refused).
   */
  drop(refused: (held: Held<T>) => boolean): void {
    if (this.#held !== undefined && refused(this.#held)) this.#held = undefined;
  }

  /** The cached value, if any and still valid (for tests and inspection; never its secret in a log). */
  get current(): Held<T> | undefined {
    const held = this.#held;
    return held !== undefined && this.#now() < held.expiresAt ? held : undefined;
  }

  #obtainShared(): Promise<Held<T>> {
    return this.#request.run(() =>
      this.#obtain().then((issued) => {
        const held = hold(issued);
        this.#held = held;
        this.#refreshPausedUntil = Number.NEGATIVE_INFINITY;
        return held;
      }),
    );
  }

  #refreshAhead(held: Held<T>, now: number): void {
    if (this.#request.running || now < this.#refreshPausedUntil) return;
    this.#obtainShared().catch((error: unknown) => {
      // A refusal (a wrong password, an ID token IAM does not accept) is not tried again while the current
      // value works (IAM locks users after a few wrong passwords): the first call after its expiry asks once
      // and gets the error. Anything else (the source unreachable, 5xx) is tried again after a pause.
      this.#refreshPausedUntil =
        error instanceof CbrAuthError ? held.expiresAt : this.#now() + Math.min(REFRESH_RETRY_MS, held.expiresAt - now);
      this.#onRefreshFailed(error);
    });
  }
}
