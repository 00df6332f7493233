// Safe retries: a GET is retried after transient failures; a create only when it provably did not reach
// the service (connection refused, 429), so it never makes two restore points. Plus timeouts and aborts.
import { describe, expect, it } from 'vitest';
import {
  CbrAbortError,
  CbrAuthError,
  CbrClient,
  type CbrClientOptions,
  CbrError,
  CbrNetworkError,
  CbrServerError,
  CbrThrottledError,
  CbrTimeoutError,
  type RetryEvent,
} from '../src/index.js';
import { retryDelay } from '../src/transport/retry-policy.js';
import { PROJECT_ID, REFUSING_URL, seedParams, seedResponse, TOKEN } from './support/fixtures.js';
import { type Answer, json, scriptedServers } from './support/scripted-server.js';
import { transports } from './support/transports.js';

// Many tests wait (a backoff, a timeout, a Retry-After): each has a server of its own, and they run concurrently.
const serverFor = scriptedServers();

const ok = json(200, seedResponse());
const error = (status: number) => json(status, { error_code: `E.${status}`, error_msg: 'failure' });
/** Answers in turn, the last one for every request after. */
const inTurn =
  (...answers: Answer[]) =>
  (_: unknown, index: number) =>
    answers[Math.min(index, answers.length - 1)] as Answer;

function clientFor(
  endpoint: string,
  options: Partial<CbrClientOptions> = {},
  transport: Partial<CbrClientOptions> = {},
) {
  const retries: RetryEvent[] = [];
  const warnings: string[] = [];
  const cbr = new CbrClient({
    endpoint,
    projectId: PROJECT_ID,
    credentials: { token: TOKEN },
    retryBaseDelayMs: 1,
    hooks: { onRetry: (event) => retries.push(event) },
    logger: { warn: (line) => warnings.push(line) },
    ...transport,
    ...options,
  });
  return { cbr, retries, warnings };
}

const outcome = (promise: Promise<unknown>): Promise<{ error: CbrError | undefined }> =>
  promise.then(
    () => ({ error: undefined }),
    (error: unknown) => ({ error: error as CbrError }),
  );

describe.concurrent.each(transports)('on %s', (_transport, transportOptions) => {
  const clientOn = (endpoint: string, options: Partial<CbrClientOptions> = {}) =>
    clientFor(endpoint, options, transportOptions());

  describe('get is retried after transient failures', () => {
    it.each([
      ['HTTP 503', error(503), 'HTTP 503 E.503'],
      ['HTTP 500', error(500), 'HTTP 500 E.500'],
      ['HTTP 502 HTML', { status: 502, headers: { 'content-type': 'text/html' }, body: '<html></html>' }, 'HTTP 502'],
      ['HTTP 429', error(429), 'HTTP 429 E.429'],
      ['a dropped connection', { drop: true }, 'ECONNRESET'],
      ['a truncated body', { status: 200, body: '{"checkpoint":' }, 'invalid response body'],
      ['a timeout', { ...ok, delayMs: 400 }, 'timeout after 100 ms'],
    ] as [string, Answer, string][])('%s, then success', async (_case, first, reason) => {
      const server = await serverFor(inTurn(first, ok));
      const { cbr, retries, warnings } = clientOn(server.url, { timeoutMs: 100 });
      const checkpoint = await cbr.checkpoints.get('cp');
      expect(checkpoint.id).toBe(seedResponse().checkpoint.id);
      expect(server.received.length).toBeGreaterThanOrEqual(2);
      expect(retries).toHaveLength(1);
      expect(retries[0]).toMatchObject({ operation: 'showCheckpoint', attempt: 1, reason });
      expect(warnings[0]).toMatch(
        new RegExp(`^cbr: showCheckpoint attempt 1 failed \\(${reason}\\); retrying in \\d+ ms \\(1/2\\)$`),
      );
    });

    it('gives up after maxRetries and returns the last error', async () => {
      const server = await serverFor(() => error(503));
      const { cbr, retries } = clientOn(server.url, { maxRetries: 3 });
      const { error: failure } = await outcome(cbr.checkpoints.get('cp'));
      expect(failure).toBeInstanceOf(CbrServerError);
      expect(server.received).toHaveLength(4);
      expect(retries.map((r) => r.attempt)).toEqual([1, 2, 3]);
    });

    it.each([[401], [403], [404], [400]])('never retries HTTP %i', async (status) => {
      const server = await serverFor(() => error(status));
      const { cbr, retries } = clientOn(server.url);
      const { error: failure } = await outcome(cbr.checkpoints.get('cp'));
      expect(failure).toBeInstanceOf(CbrError);
      expect(server.received).toHaveLength(1);
      expect(retries).toHaveLength(0);
    });
  });

  describe('create is never resent once the service may have processed it', () => {
    it.each([
      ['HTTP 500', error(500), CbrServerError],
      ['HTTP 503', error(503), CbrServerError],
      [
        'HTTP 502 HTML',
        { status: 502, headers: { 'content-type': 'text/html' }, body: '<html></html>' },
        CbrServerError,
      ],
      ['a connection dropped after the body was sent', { drop: true }, CbrNetworkError],
      ['a timeout', { ...ok, delayMs: 400 }, CbrTimeoutError],
      ['a truncated 200 body', { status: 200, body: '{"checkpoint":' }, CbrError],
      ['HTTP 401', error(401), CbrAuthError],
      ['HTTP 403', error(403), CbrAuthError],
    ] as [string, Answer, typeof CbrError][])('%s: one request, the error returned', async (_case, answer, type) => {
      const server = await serverFor(inTurn(answer, ok));
      // 100 ms only where the timeout is the failure (the answer comes after 400 ms): elsewhere it could run out
      // first on a busy machine, and the case would see a timeout instead of the failure it is about.
      const timeoutMs = 'delayMs' in answer ? 100 : 10_000;
      const { cbr, retries } = clientOn(server.url, { timeoutMs });
      const { error: failure } = await outcome(cbr.checkpoints.create(seedParams()));
      expect(failure).toBeInstanceOf(type);
      expect(server.received).toHaveLength(1);
      expect(retries).toHaveLength(0);
    });

    it('a dropped connection says the request was sent', async () => {
      const server = await serverFor(() => ({ drop: true }));
      const { error: failure } = await outcome(clientOn(server.url).cbr.checkpoints.create(seedParams()));
      expect(failure).toMatchObject({ name: 'CbrNetworkError', requestSent: true });
    });

    it('is retried after HTTP 429 (throttled before processing)', async () => {
      const server = await serverFor(inTurn(error(429), ok));
      const { cbr, retries } = clientOn(server.url);
      await cbr.checkpoints.create(seedParams());
      expect(server.received).toHaveLength(2);
      expect(server.received[0]?.body).toBe(server.received[1]?.body);
      expect(retries[0]).toMatchObject({ operation: 'createCheckpoint', reason: 'HTTP 429 E.429' });
    });

    it('is retried when the connection is refused (it never reached the service)', async () => {
      const attempts: number[] = [];
      const { cbr, retries } = clientOn(REFUSING_URL, {
        hooks: { onRequest: (e) => attempts.push(e.attempt), onRetry: (e) => retries.push(e) },
      });
      const { error: failure } = await outcome(cbr.checkpoints.create(seedParams()));
      expect(failure).toBeInstanceOf(CbrNetworkError);
      expect(failure).toMatchObject({ code: 'ECONNREFUSED', requestSent: false });
      expect(attempts).toEqual([1, 2, 3]);
      expect(retries.map((r) => r.reason)).toEqual(['ECONNREFUSED', 'ECONNREFUSED']);
    });
  });

  describe('Retry-After', () => {
    it('is waited for (seconds)', async () => {
      const server = await serverFor(
        inTurn(json(429, { error_code: 'APIGW.0308', error_msg: 'throttled' }, { 'retry-after': '1' }), ok),
      );
      const { cbr, retries } = clientOn(server.url);
      await cbr.checkpoints.create(seedParams());
      expect(retries[0]?.delayMs).toBeGreaterThanOrEqual(1000);
    });

    it('longer than maxRetryDelayMs: the error is returned at once, with retryAfterMs', async () => {
      const server = await serverFor(() =>
        json(503, { error_code: 'x', error_msg: 'maintenance' }, { 'retry-after': '120' }),
      );
      const { cbr, retries } = clientOn(server.url, { maxRetryDelayMs: 5_000 });
      const { error: failure } = await outcome(cbr.checkpoints.get('cp'));
      expect(failure).toMatchObject({ status: 503, retryAfterMs: 120_000 });
      expect(retries).toHaveLength(0);
    });

    it('sets the floor under the jittered backoff; the backoff doubles up to its cap', () => {
      const settings = { maxRetries: 5, retryBaseDelayMs: 100, maxRetryDelayMs: 1_000 };
      const throttled = new CbrThrottledError(
        { operation: 'showCheckpoint', status: 429, message: 'x', retryAfterMs: 300 },
        true,
      );
      const plain = new CbrServerError({ operation: 'showCheckpoint', status: 503, message: 'x' }, true);
      expect(retryDelay(1, throttled, settings, () => 0)).toBe(300);
      expect(retryDelay(1, plain, settings, () => 0.999)).toBe(99);
      expect(retryDelay(3, plain, settings, () => 0.999)).toBe(399);
      expect(retryDelay(9, plain, settings, () => 0.999)).toBe(999);
      expect(retryDelay(4, plain, settings, () => 0)).toBe(0);
    });
  });

  describe('timeouts and cancellation', () => {
    it('times out a request after timeoutMs (per call)', async () => {
      const server = await serverFor(() => ({ ...ok, delayMs: 500 }));
      const { cbr } = clientOn(server.url, { maxRetries: 0 });
      const { error: failure } = await outcome(cbr.checkpoints.get('cp', { timeoutMs: 50 }));
      expect(failure).toBeInstanceOf(CbrTimeoutError);
      expect(failure).toMatchObject({ timeoutMs: 50, operation: 'showCheckpoint', requestSent: true });
    });

    it('aborts an in-flight request when the signal fires', async () => {
      const server = await serverFor(() => ({ ...ok, delayMs: 2_000 }));
      const { cbr } = clientOn(server.url);
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('user cancelled')), 30);
      const { error: failure } = await outcome(cbr.checkpoints.get('cp', { signal: controller.signal }));
      expect(failure).toBeInstanceOf(CbrAbortError);
      expect(failure?.message).toBe('showCheckpoint was aborted: user cancelled');
    });

    it('aborts during the backoff, with no further attempt', async () => {
      const server = await serverFor(() => error(503));
      const controller = new AbortController();
      const { cbr, retries } = clientOn(server.url, {
        retryBaseDelayMs: 5_000,
        maxRetryDelayMs: 5_000,
        hooks: { onRetry: () => controller.abort() },
      });
      const { error: failure } = await outcome(cbr.checkpoints.get('cp', { signal: controller.signal }));
      expect(failure).toBeInstanceOf(CbrAbortError);
      expect(retries).toHaveLength(0);
      expect(server.received).toHaveLength(1);
    });

    it('sends nothing when the signal is already aborted', async () => {
      const server = await serverFor(() => ok);
      const { error: failure } = await outcome(
        clientOn(server.url).cbr.checkpoints.create(seedParams(), { signal: AbortSignal.abort() }),
      );
      expect(failure).toBeInstanceOf(CbrAbortError);
      expect(server.received).toHaveLength(0);
    });
  });
});
