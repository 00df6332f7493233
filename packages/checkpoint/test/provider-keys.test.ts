// Temporary keys from a provider on a clock the test moves (no network: requests are only signed): cached
// until min(10 % of their lifetime, 40 min) remains, then replaced by one fetch while the current ones still
// sign; never used past their expiry; a failed renewal while they are valid does not fail calls; a 401 drops
// the keys the request carried. What a provider returns is checked, naming the field, never its value.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { providerAuthenticator } from '../src/auth/provider-authenticator.js';
import { CbrConfigError, type TemporaryAccessKeys } from '../src/index.js';
import type { PreparedRequest } from '../src/transport/transport.js';

const request = (): PreparedRequest => ({
  method: 'GET',
  url: 'https://cbr.example/v3/p/checkpoints/c',
  headers: {},
  body: undefined,
});
const flush = () => new Promise((resolve) => setImmediate(resolve));

// The wall clock stands still (Date only; the authenticator's monotonic clock is the test's own): the provider
// reads it a moment after the authenticator does, and a millisecond ticking in between moved the expiry that much
// later on the test's clock, so that keys due to expire at an exact instant were still valid then.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(lifetimeMs: number, fail?: () => boolean) {
  let clock = 5_000;
  let fetched = 0;
  const failures: unknown[] = [];
  const auth = providerAuthenticator(
    async () => {
      fetched += 1;
      if (fail?.()) throw new Error('the metadata service is down');
      // The provider speaks wall-clock time; the authenticator counts from its own clock at the request.
      return {
        accessKey: `HSTKEY${fetched}`,
        secretKey: `secret-${fetched}`,
        securityToken: `token-${fetched}`,
        expiresAt: new Date(Date.now() + lifetimeMs),
      };
    },
    { context: {}, onRefreshFailed: (error) => failures.push(error), now: () => clock },
  );
  const sign = async () => (await auth.authenticate(request(), { operation: 'showCheckpoint' })).headers;
  return {
    auth,
    sign,
    failures,
    fetched: () => fetched,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

it('cached until 10 % of the lifetime remains, then one fetch while the current keys still sign', async () => {
  const { sign, fetched, advance } = setup(10 * 60_000); // 10 minutes: replaced 1 minute before expiry
  expect((await sign())['X-Security-Token']).toBe('token-1');
  advance(8 * 60_000);
  expect((await sign())['X-Security-Token']).toBe('token-1');
  expect(fetched()).toBe(1);
  advance(60_500); // inside the last minute
  const during = await Promise.all([sign(), sign(), sign()]);
  expect(during.map((headers) => headers['X-Security-Token'])).toEqual(['token-1', 'token-1', 'token-1']);
  await flush();
  expect(fetched()).toBe(2);
  expect((await sign())['X-Security-Token']).toBe('token-2');
  expect((await sign()).Authorization).toMatch(/Access=HSTKEY2,/);
});

it('never used past their expiry: a call then waits for new keys', async () => {
  const { sign, fetched, advance } = setup(60_000);
  await sign();
  advance(60_000);
  expect((await sign())['X-Security-Token']).toBe('token-2');
  expect(fetched()).toBe(2);
});

it('a failed renewal while the keys are valid does not fail calls; after expiry the error reaches the call', async () => {
  let down = false;
  const { sign, failures, advance } = setup(10 * 60_000, () => down);
  await sign();
  down = true;
  advance(9 * 60_000 + 30_000);
  expect((await sign())['X-Security-Token']).toBe('token-1');
  await flush();
  expect(failures).toHaveLength(1);
  advance(30_000);
  await expect(sign()).rejects.toThrow(/the access key provider failed: the metadata service is down/);
});

it('a 401 drops the keys the request carried (only those): the next call fetches once', async () => {
  const { auth, sign, fetched } = setup(60 * 60_000);
  const headers = await sign();
  expect(
    auth.renewAfterRejection?.({ ...request(), headers: { Authorization: 'SDK-HMAC-SHA256 Access=OTHER, x' } }),
  ).toBe(true);
  expect(fetched()).toBe(1);
  expect(auth.renewAfterRejection?.({ ...request(), headers })).toBe(true);
  await Promise.all([sign(), sign()]);
  expect(fetched()).toBe(2);
});

describe('what a provider returns is checked', () => {
  it.each([
    [undefined, /returned no keys/],
    [{ secretKey: 's' }, /returned no valid accessKey \(a non-empty string expected\)/],
    [{ accessKey: 'a' }, /returned no valid secretKey \(a non-empty string expected\)/],
    [{ accessKey: 'a', secretKey: 's', securityToken: '' }, /no valid securityToken/],
    [{ accessKey: 'a', secretKey: 's', expiresAt: 'tomorrow' }, /no valid expiresAt \(a valid Date expected\)/],
    [{ accessKey: 'a', secretKey: 's', expiresAt: new Date(Date.now() - 1000) }, /expired already/],
    [{ accessKey: 'a', secretKey: 'secret-value', securityToken: 'tok\nen' }, /securityToken\) has a character/],
  ])('%j', async (keys, message) => {
    const auth = providerAuthenticator(async () => keys as unknown as TemporaryAccessKeys, {
      context: {},
      onRefreshFailed: () => {},
    });
    const error = await Promise.resolve(auth.authenticate(request(), { operation: 'showCheckpoint' })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(CbrConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('secret-value');
  });
});
