// The README's flows, as a new user would run them, against the stateful mock server over real HTTP:
// create, wait, each error kind, cancelling a wait; and the fault matrix proving that no retry ever
// creates a second restore point.
import { type MockServer, startMockServer } from '@cbr-sdk/mock-server';
import axios from 'axios';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CbrAbortError,
  CbrApiError,
  CbrAuthError,
  CbrBadRequestError,
  CbrClient,
  type CbrClientOptions,
  CbrError,
  CbrNetworkError,
  CbrServerError,
  CbrThrottledError,
  CbrTimeoutError,
  CbrValidationError,
  ResourceType,
} from '../src/index.js';
import { ACCESS_KEY, PROJECT_ID, SECRET_KEY, seedParams } from './support/fixtures.js';
import { transports } from './support/transports.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ port: 0, availableAfterMs: 150, accessKeys: { [ACCESS_KEY]: SECRET_KEY } });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const client = (options: Partial<CbrClientOptions> = {}) =>
  new CbrClient({
    endpoint: mock.url,
    projectId: PROJECT_ID,
    credentials: { token: 'demo-token' },
    retryBaseDelayMs: 1,
    ...options,
  });

describe('the README flows', () => {
  it.each([
    ['a token', { token: 'demo-token' }],
    ['AK/SK', { accessKey: ACCESS_KEY, secretKey: SECRET_KEY }],
  ] as const)('create, then wait until available (%s)', async (_mode, credentials) => {
    const cbr = client({ credentials });
    const created = await cbr.checkpoints.create(seedParams());
    expect(created.status).toBe('protecting');
    expect(created.project_id).toBe(PROJECT_ID);
    expect(created.extra_info).toMatchObject({ name: 'backup_name', description: 'backup_description' });

    const seen: string[] = [];
    const done = await cbr.checkpoints.waitUntilAvailable(created.id, {
      intervalMs: 20,
      waitForResources: true,
      onStatus: (checkpoint) => seen.push(checkpoint.status),
    });
    expect(done.id).toBe(created.id);
    expect(done.status).toBe('available');
    expect(done.vault?.resources?.every((r) => r.protect_status === 'available')).toBe(true);
    expect(seen).toEqual(['protecting', 'available']);
    expect((await cbr.checkpoints.get(created.id)).status).toBe('available');
    expect(mock.createdCount).toBe(1);
  });

  it('backs up resources given in detail', async () => {
    const created = await client().checkpoints.create({
      vault_id: '3b5816b5-f29c-4172-9d9a-76c719a659ce',
      parameters: { resource_details: [{ id: '94eba8b2-acc9-4d82-badc-127144cc5526', type: ResourceType.NovaServer }] },
    });
    expect(created.vault?.resources?.map((r) => r.id)).toEqual(['94eba8b2-acc9-4d82-badc-127144cc5526']);
  });

  it('an unknown vault is a CbrBadRequestError with Huawei’s code and a request id', async () => {
    const error = await client()
      .checkpoints.create({ vault_id: '00000000-0000-0000-0000-000000000000' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CbrBadRequestError);
    expect(error).toMatchObject({ status: 400, code: 'BackupService.6105', requestId: expect.any(String) });
  });

  it('a wrong signature is a CbrAuthError, not retried', async () => {
    const error = await client({ credentials: { accessKey: ACCESS_KEY, secretKey: 'wrong-secret' } })
      .checkpoints.create(seedParams())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CbrAuthError);
    expect(error).toMatchObject({ status: 401, code: 'APIGW.0301' });
    expect(mock.requests).toHaveLength(1);
  });

  it('an invalid input is a CbrValidationError and the mock never hears of it', async () => {
    const error = await client()
      .checkpoints.create({ vault_id: 'v', parameters: { name: 'x'.repeat(65) } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CbrValidationError);
    expect(mock.requests).toHaveLength(0);
  });

  it('an unknown restore point is a 404', async () => {
    const error = await client()
      .checkpoints.get('00000000-0000-0000-0000-00000000abcd')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'CbrNotFoundError', status: 404 });
  });

  it('a wait is cancelled by its signal', async () => {
    const cbr = client();
    const created = await cbr.checkpoints.create(seedParams());
    const controller = new AbortController();
    const error = await cbr.checkpoints
      .waitUntilAvailable(created.id, {
        intervalMs: 5_000,
        signal: controller.signal,
        onStatus: () => controller.abort(),
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CbrAbortError);
  });
});

describe.each(transports)(
  'faults on %s: no retry ever creates a second restore point',
  (_transport, transportOptions) => {
    const clientOn = (options: Partial<CbrClientOptions> = {}) => client({ ...transportOptions(), ...options });

    it.each([
      ['a connection reset after the restore point was created', { kind: 'reset', phase: 'after' }, CbrNetworkError],
      [
        'a 500 after processing',
        { kind: 'respond', status: 500, body: { error_code: 'BackupService.0000', error_msg: 'oops' }, phase: 'after' },
        CbrServerError,
      ],
      ['a gateway 504 page after processing', { kind: 'gateway-html', status: 504, phase: 'after' }, CbrServerError],
      ['a truncated answer', { kind: 'truncated-json', phase: 'after' }, CbrApiError],
      ['a slow answer (timeout)', { kind: 'delay', delayMs: 500, phase: 'after' }, CbrTimeoutError],
    ] as const)('%s: reported, not resent, one restore point', async (_case, fault, type) => {
      mock.faults.push({ route: 'createCheckpoint', ...fault } as never);
      const error = await clientOn({ timeoutMs: 150 })
        .checkpoints.create(seedParams())
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(type);
      expect(mock.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
      expect(mock.createdCount).toBe(1);
    });

    it('a connection reset before processing: reported, nothing created', async () => {
      mock.faults.push({ route: 'createCheckpoint', kind: 'reset' });
      const error = await clientOn()
        .checkpoints.create(seedParams())
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CbrNetworkError);
      expect(mock.createdCount).toBe(0);
    });

    it('429 with Retry-After before processing: retried, exactly one restore point', async () => {
      mock.faults.push({ route: 'createCheckpoint', kind: 'throttle', retryAfter: 0, times: 2 });
      const created = await clientOn().checkpoints.create(seedParams());
      expect(created.status).toBe('protecting');
      expect(mock.requests.filter((r) => r.method === 'POST')).toHaveLength(3);
      expect(mock.createdCount).toBe(1);
    });

    it('throttled past maxRetries: CbrThrottledError, nothing created', async () => {
      mock.faults.push({ route: 'createCheckpoint', kind: 'throttle', retryAfter: 0, times: Number.POSITIVE_INFINITY });
      const error = await clientOn({ maxRetries: 1 })
        .checkpoints.create(seedParams())
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CbrThrottledError);
      expect(mock.createdCount).toBe(0);
    });

    it('the waiter rides out 503s, resets and truncated answers while polling', async () => {
      // Three failures in a row on one poll: three retries are needed.
      const cbr = clientOn({ maxRetries: 3 });
      const created = await cbr.checkpoints.create(seedParams());
      mock.faults.push({ route: 'showCheckpoint', kind: 'throttle', status: 503, retryAfter: 0 });
      mock.faults.push({ route: 'showCheckpoint', kind: 'reset' });
      mock.faults.push({ route: 'showCheckpoint', kind: 'truncated-json', phase: 'after' });
      const done = await cbr.checkpoints.waitUntilAvailable(created.id, { intervalMs: 20 });
      expect(done.status).toBe('available');
      expect(mock.createdCount).toBe(1);
    });

    it('every error the fault matrix produces is a CbrError', async () => {
      const kinds = [
        { kind: 'respond', status: 400, body: { error: { code: 'X', message: 'm' } } },
        { kind: 'respond', status: 401, body: { unauthorized: { code: '401', message: 'Malformed request url' } } },
        { kind: 'gateway-html' },
        { kind: 'empty', status: 503 },
        { kind: 'truncated-json', status: 500 },
        { kind: 'reset' },
      ] as const;
      for (const fault of kinds) {
        mock.faults.push({ route: 'showCheckpoint', times: Number.POSITIVE_INFINITY, ...fault } as never);
        const error = await clientOn({ maxRetries: 0 })
          .checkpoints.get('cp')
          .catch((e: unknown) => e);
        expect(error, JSON.stringify(fault)).toBeInstanceOf(CbrError);
        mock.reset();
      }
    });
  },
);

describe("a caller's own axios instance", () => {
  it('carries every request, and is used as it is (nothing added to it)', async () => {
    const instance = axios.create();
    const seen: string[] = [];
    instance.interceptors.request.use((config) => {
      seen.push(`${config.method?.toUpperCase()} ${config.url}`);
      return config;
    });
    const defaultsBefore = JSON.stringify(instance.defaults.headers);
    const cbr = client({ axios: instance });
    const created = await cbr.checkpoints.create(seedParams());
    await cbr.checkpoints.get(created.id);
    expect(seen).toEqual([
      `POST ${mock.url}/v3/${PROJECT_ID}/checkpoints`,
      `GET ${mock.url}/v3/${PROJECT_ID}/checkpoints/${created.id}`,
    ]);
    expect(JSON.stringify(instance.defaults.headers)).toBe(defaultsBefore);
    expect(instance.defaults.baseURL).toBeUndefined();
  });
});
