// Every duration becomes a timer, and a timer fires at once for 0, a negative, NaN or 2^31 ms and more: a
// create would report CbrTimeoutError although the restore point was made (issue 19 #6). So each one is
// checked, the client's when it is made and a call's before anything is sent, with a CbrConfigError naming it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CbrAbortError, CbrClient, type CbrClientOptions, CbrConfigError } from '../src/index.js';
import { PROJECT_ID, seedParams, seedResponse, TOKEN } from './support/fixtures.js';
import { json, type ScriptedServer, startScriptedServer } from './support/scripted-server.js';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(() => json(200, seedResponse({ status: 'protecting' })));
});
afterAll(() => server.close());

const client = (options: Partial<CbrClientOptions> = {}) =>
  new CbrClient({ endpoint: server.url, projectId: PROJECT_ID, credentials: { token: TOKEN }, ...options });

const OUT_OF_RANGE: [string, unknown][] = [
  ['2^31', 2 ** 31],
  ['1e12', 1e12],
  ['0', 0],
  ['-1', -1],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['1.5', 1.5],
  ['"1000"', '1000'],
];

describe('the client’s durations', () => {
  it.each(OUT_OF_RANGE)('timeoutMs %s: CbrConfigError naming it', (_what, value) => {
    const make = () => client({ timeoutMs: value as number });
    expect(make).toThrow(CbrConfigError);
    expect(make).toThrow(/timeoutMs must be a whole number of milliseconds from 1 to 2147483647/);
  });

  it.each(['retryBaseDelayMs', 'maxRetryDelayMs'])('%s of 2^31: CbrConfigError naming it', (option) => {
    expect(() => client({ [option]: 2 ** 31 })).toThrow(new RegExp(`${option} must be a whole number`));
  });

  it('2^31 − 1 ms (the longest timer) is accepted', () => {
    expect(() => client({ timeoutMs: 2 ** 31 - 1 })).not.toThrow();
  });
});

describe('a call’s timeoutMs is checked before anything is sent', () => {
  it.each(OUT_OF_RANGE)('%s', async (_what, value) => {
    server.reset(() => json(200, seedResponse()));
    const cbr = client();
    for (const call of [
      () => cbr.checkpoints.create(seedParams(), { timeoutMs: value as number }),
      () => cbr.checkpoints.get('cp', { timeoutMs: value as number }),
      () => cbr.resolveProjectId({ timeoutMs: value as number }),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CbrConfigError);
      expect((error as Error).message).toMatch(/^timeoutMs must be/);
    }
    expect(server.received).toHaveLength(0);
  });
});

describe('the waiter’s durations', () => {
  it.each(OUT_OF_RANGE.filter(([what]) => what !== 'Infinity'))(
    'timeoutMs %s: CbrConfigError, nothing sent',
    async (_what, value) => {
      server.reset(() => json(200, seedResponse({ status: 'protecting' })));
      const error = await client()
        .checkpoints.waitUntilAvailable('cp', { timeoutMs: value as number })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CbrConfigError);
      expect((error as Error).message).toMatch(/^timeoutMs must be/);
      expect(server.received).toHaveLength(0);
    },
  );

  it.each(['intervalMs', 'maxIntervalMs'])('%s of 2^31: CbrConfigError naming it', async (option) => {
    server.reset(() => json(200, seedResponse({ status: 'protecting' })));
    const error = await client()
      .checkpoints.waitUntilAvailable('cp', { [option]: 2 ** 31 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CbrConfigError);
    expect((error as Error).message).toContain(option);
    expect(server.received).toHaveLength(0);
  });

  it('timeoutMs Infinity waits without a deadline, until the signal', async () => {
    server.reset(() => json(200, seedResponse({ status: 'protecting' })));
    const controller = new AbortController();
    const error = await client()
      .checkpoints.waitUntilAvailable('cp', {
        timeoutMs: Number.POSITIVE_INFINITY,
        intervalMs: 5,
        maxIntervalMs: 5,
        onStatus: () => setTimeout(() => controller.abort(), 50),
        signal: controller.signal,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CbrAbortError);
    expect(server.received.length).toBeGreaterThan(1);
  });
});
