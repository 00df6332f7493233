// Keeps the IAM token of a password client: obtains one when there is none, replaces it ahead of its expiry,
// drops it when the service refuses it, and never hands out one that is past its expiry. One request to IAM
// at a time, whatever the number of callers (single-flight), as Azure's tokenCycler does.
import { CbrAuthError, CbrTimeoutError } from '../errors/cbr-error.js';
import { SingleFlight } from '../single-flight.js';
import { raceSignal, type WaitLimits } from '../transport/abort.js';

/** A token as IAM issued it. */
export interface IssuedToken {
  /** The token itself (IAM's X-Subject-Token), sent as X-Auth-Token. */
  value: string;
  /** The project it is scoped to (`token.project.id`). */
  projectId: string;
  /** `expires_at − issued_at` as IAM wrote them: the lifetime, whatever the local clock says. */
  lifetimeMs: number;
  /**
   * The local (monotonic) time the request for it was sent. The lifetime is counted from here, which is
   * before IAM issued it, so the local expiry is never later than IAM's.
   */
  requestedAt: number;
}

/** A token held by the cache, with its local expiry and the moment to start replacing it. */
export interface HeldToken extends IssuedToken {
  expiresAt: number;
  refreshAt: number;
}

/**
 * How long before expiry a token is replaced: 10 % of its lifetime, at most 40 minutes (the official SDKs'
 * threshold for temporary credentials). A 24 h token is replaced 40 minutes before it expires, a 2 s one
 * 200 ms before.
 */
export const REFRESH_MARGIN = { fraction: 0.1, maxMs: 40 * 60 * 1000 } as const;

/** After a failed refresh while the current token is still valid, IAM is not asked again for this long. */
const REFRESH_RETRY_MS = 30_000;

export function holdToken(issued: IssuedToken): HeldToken {
  const expiresAt = issued.requestedAt + issued.lifetimeMs;
  const margin = Math.min(issued.lifetimeMs * REFRESH_MARGIN.fraction, REFRESH_MARGIN.maxMs);
  return { ...issued, expiresAt, refreshAt: expiresAt - margin };
}

export interface TokenCacheOptions {
  /** Obtains a new token from IAM. */
  obtain: () => Promise<IssuedToken>;
  /** A monotonic clock in milliseconds; default `performance.now()`. */
  now?: () => number;
  /** Told when a refresh ahead of expiry failed (the current token stays in use until it expires). */
  onRefreshFailed?: (error: unknown) => void;
}

export class TokenCache {
  readonly #obtain: () => Promise<IssuedToken>;
  readonly #now: () => number;
  readonly #onRefreshFailed: (error: unknown) => void;
  #held: HeldToken | undefined;
  readonly #request = new SingleFlight<HeldToken>();
  /** No refresh ahead of expiry before this time (after one failed). */
  #refreshPausedUntil = Number.NEGATIVE_INFINITY;

  constructor(options: TokenCacheOptions) {
    this.#obtain = options.obtain;
    this.#now = options.now ?? (() => performance.now());
    this.#onRefreshFailed = options.onRefreshFailed ?? (() => {});
  }

  /**
   * The token to send now. Before its refresh point: the cached one. Between the refresh point and expiry:
   * still the cached one, while one request obtains its successor. Without a valid token: waits for the one
   * request in flight (a failure reaches every waiter, and the next call asks again), at most until `limits`
   * (the caller's signal and timeout) say stop.
   */
  get(limits: WaitLimits = {}): Promise<HeldToken> {
    const held = this.#held;
    const now = this.#now();
    if (held !== undefined && now < held.expiresAt) {
      if (now >= held.refreshAt) this.#refreshAhead(held, now);
      return Promise.resolve(held);
    }
    this.#held = undefined;
    // The caller gives up at its signal or its timeout; the request goes on for the others waiting for it.
    const operation = 'keystoneCreateUserTokenByPassword';
    const { timeoutMs } = limits;
    return raceSignal(
      this.#obtainShared(),
      limits.signal,
      operation,
      timeoutMs === undefined
        ? undefined
        : { ms: timeoutMs, onTimeout: () => new CbrTimeoutError(operation, timeoutMs) },
    );
  }

  /**
   * The service refused `value` (HTTP 401: expired early, revoked, or the password changed). Drops it if it is
   * still the cached token, so the next `get` obtains a new one (once, however many callers were refused).
   */
  drop(value: string | undefined): void {
    if (value !== undefined && this.#held?.value === value) this.#held = undefined;
  }

  /** The cached token, if any and still valid (for tests and inspection; never its value in a log). */
  get current(): HeldToken | undefined {
    const held = this.#held;
    return held !== undefined && this.#now() < held.expiresAt ? held : undefined;
  }

  #obtainShared(): Promise<HeldToken> {
    return this.#request.run(() =>
      this.#obtain().then((issued) => {
        const held = holdToken(issued);
        this.#held = held;
        this.#refreshPausedUntil = Number.NEGATIVE_INFINITY;
        return held;
      }),
    );
  }

  #refreshAhead(held: HeldToken, now: number): void {
    if (this.#request.running || now < this.#refreshPausedUntil) return;
    this.#obtainShared().catch((error: unknown) => {
      // A refused password is not tried again while the current token works (IAM locks users after a few
      // wrong passwords): the first call after its expiry asks once and gets the error. Anything else (IAM
      // unreachable, 5xx) is tried again after a pause.
      this.#refreshPausedUntil =
        error instanceof CbrAuthError ? held.expiresAt : this.#now() + Math.min(REFRESH_RETRY_MS, held.expiresAt - now);
      this.#onRefreshFailed(error);
    });
  }
}
