// The token cache on a clock the test moves: when a token is reused, replaced ahead of expiry, never handed
// out expired; one request in flight; what happens when IAM fails while a token is still valid.
import { describe, expect, it } from 'vitest';
import { holdToken, type IssuedToken, REFRESH_MARGIN, TokenCache } from '../src/auth/token-cache.js';
import { CbrAbortError, CbrAuthError, CbrServerError } from '../src/index.js';

const HOUR = 60 * 60 * 1000;

/** A fake IAM: each request is a deferred promise the test settles; `now` is the test's clock. */
function setup(lifetimeMs = 24 * HOUR) {
  let clock = 1_000_000;
  const requests: { resolve: () => void; reject: (error: unknown) => void; requestedAt: number }[] = [];
  let issued = 0;
  const failures: string[] = [];
  const cache = new TokenCache({
    now: () => clock,
    onRefreshFailed: (error) => failures.push((error as Error).message),
    obtain: () =>
      new Promise<IssuedToken>((resolve, reject) => {
        const requestedAt = clock;
        requests.push({
          requestedAt,
          reject,
          resolve: () => {
            issued += 1;
            resolve({ value: `token-${issued}`, projectId: 'p', lifetimeMs, requestedAt });
          },
        });
      }),
  });
  return {
    cache,
    requests,
    failures,
    advance: (ms: number) => {
      clock += ms;
    },
    /** Lets pending promise callbacks run. */
    flush: () => new Promise((resolve) => setImmediate(resolve)),
  };
}

const authError = () =>
  new CbrAuthError({ operation: 'keystoneCreateUserTokenByPassword', status: 401, message: 'wrong password' });
const serverError = () =>
  new CbrServerError({ operation: 'keystoneCreateUserTokenByPassword', status: 503, message: 'unavailable' });

describe('holdToken', () => {
  it.each([
    ['24 h', 24 * HOUR, 40 * 60 * 1000],
    ['2 h', 2 * HOUR, 12 * 60 * 1000],
    ['2 s', 2000, 200],
  ])('a %s token is replaced min(10 %%, 40 min) before it expires', (_name, lifetimeMs, margin) => {
    const held = holdToken({ value: 't', projectId: 'p', lifetimeMs, requestedAt: 500 });
    expect(held.expiresAt).toBe(500 + lifetimeMs);
    expect(held.expiresAt - held.refreshAt).toBe(margin);
    expect(margin).toBe(Math.min(lifetimeMs * REFRESH_MARGIN.fraction, REFRESH_MARGIN.maxMs));
  });
});

describe('TokenCache', () => {
  it('many callers without a token share one request; the token is reused until its refresh point', async () => {
    const { cache, requests, advance } = setup();
    const waiting = Promise.all(Array.from({ length: 50 }, () => cache.get()));
    expect(requests).toHaveLength(1);
    requests[0]?.resolve();
    const tokens = await waiting;
    expect(new Set(tokens.map((token) => token.value))).toEqual(new Set(['token-1']));
    advance(24 * HOUR - 40 * 60 * 1000 - 1);
    expect((await cache.get()).value).toBe('token-1');
    expect(requests).toHaveLength(1);
  });

  it('inside the refresh window: the current token is still used while one request gets the next', async () => {
    const { cache, requests, advance, flush } = setup();
    const first = cache.get();
    requests[0]?.resolve();
    await first;
    advance(24 * HOUR - 30 * 60 * 1000); // 30 minutes left
    const during = await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(during.map((token) => token.value)).toEqual(['token-1', 'token-1', 'token-1']);
    expect(requests).toHaveLength(2);
    requests[1]?.resolve();
    await flush();
    expect((await cache.get()).value).toBe('token-2');
  });

  it('never hands out a token past its expiry: callers wait for the next one', async () => {
    const { cache, requests, advance } = setup();
    const first = cache.get();
    requests[0]?.resolve();
    await first;
    advance(24 * HOUR); // exactly at expiry
    const next = cache.get();
    expect(cache.current).toBeUndefined();
    expect(requests).toHaveLength(2);
    requests[1]?.resolve();
    expect((await next).value).toBe('token-2');
  });

  it('a failure reaches every waiter, and the next call asks again', async () => {
    const { cache, requests } = setup();
    const waiters = [cache.get(), cache.get()].map((promise) => promise.catch((error: unknown) => error));
    const error = authError();
    requests[0]?.reject(error);
    expect(await Promise.all(waiters)).toEqual([error, error]);
    const again = cache.get();
    expect(requests).toHaveLength(2);
    requests[1]?.resolve();
    expect((await again).value).toBe('token-1');
  });

  it('IAM down inside the window: the current token stays in use, IAM is asked again after a pause', async () => {
    const { cache, requests, advance, flush, failures } = setup();
    const first = cache.get();
    requests[0]?.resolve();
    await first;
    advance(24 * HOUR - 30 * 60 * 1000);
    expect((await cache.get()).value).toBe('token-1');
    requests[1]?.reject(serverError());
    await flush();
    expect(failures).toEqual(['keystoneCreateUserTokenByPassword: HTTP 503: unavailable']);
    // Within the pause: no new request, the valid token goes out.
    advance(10_000);
    expect((await cache.get()).value).toBe('token-1');
    expect(requests).toHaveLength(2);
    advance(25_000);
    await cache.get();
    expect(requests).toHaveLength(3);
  });

  it('a refused password inside the window is not asked again until the token expires (IAM lockout)', async () => {
    const { cache, requests, advance, flush } = setup();
    const first = cache.get();
    requests[0]?.resolve();
    await first;
    advance(24 * HOUR - 30 * 60 * 1000);
    await cache.get();
    requests[1]?.reject(authError());
    await flush();
    for (let minute = 0; minute < 29; minute++) {
      advance(60_000);
      expect((await cache.get()).value).toBe('token-1');
    }
    expect(requests).toHaveLength(2);
    advance(60_000); // expired now: the caller asks, and gets IAM's answer
    const after = cache.get().catch((error: unknown) => error);
    expect(requests).toHaveLength(3);
    requests[2]?.reject(authError());
    expect(await after).toBeInstanceOf(CbrAuthError);
  });

  it('drop(value) forgets that token only if it is still the current one', async () => {
    const { cache, requests } = setup();
    const first = cache.get();
    requests[0]?.resolve();
    await first;
    cache.drop('some-older-token');
    expect(cache.current?.value).toBe('token-1');
    cache.drop('token-1');
    cache.drop('token-1');
    expect(cache.current).toBeUndefined();
    const next = Promise.all([cache.get(), cache.get()]);
    expect(requests).toHaveLength(2);
    requests[1]?.resolve();
    expect((await next).map((token) => token.value)).toEqual(['token-2', 'token-2']);
  });

  it('one caller giving up (its signal) leaves the shared request to the others', async () => {
    const { cache, requests } = setup();
    const controller = new AbortController();
    const impatient = cache.get({ signal: controller.signal }).catch((error: unknown) => error);
    const patient = cache.get();
    controller.abort('enough');
    expect(await impatient).toBeInstanceOf(CbrAbortError);
    requests[0]?.resolve();
    expect((await patient).value).toBe('token-1');
    expect(requests).toHaveLength(1);
  });
});
