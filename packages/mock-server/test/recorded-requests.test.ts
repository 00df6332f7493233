// What the server records of each request, and that credentials never survive into the record or the log.
import { signRequest } from '@cbr-sdk/checkpoint-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, RECORDED_BODY_BYTES, REDACTED, startMockServer } from '../src/index.js';
import { CHECKPOINTS_PATH, call, exampleRequest, expectCheckpoint, PROJECT_ID, TOKEN } from './helpers.js';

const AK = 'HPUARECORDEDKEY';
const SK = 'recorded-secret-never-to-be-seen';
const logLines: string[] = [];
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ availableAfterMs: 0, accessKeys: { [AK]: SK }, log: (line) => logLines.push(line) });
});
afterAll(() => server.close());

describe('recorded requests', () => {
  it('keep method, raw path, headers and body bytes, with the token redacted', async () => {
    const body = JSON.stringify(exampleRequest());
    expectCheckpoint(
      await call(server, 'POST', `${CHECKPOINTS_PATH}?trace=1`, {
        body,
        headers: { 'Content-Type': 'application/json', 'X-Auth-Token': TOKEN, 'X-Custom': 'kept' },
      }),
    );
    const [recorded] = server.requests.slice(-1);
    expect(recorded).toMatchObject({
      method: 'POST',
      path: `${CHECKPOINTS_PATH}?trace=1`,
      operation: 'createCheckpoint',
      hasToken: true,
      hasAuthorization: false,
      status: 200,
      fault: undefined,
    });
    expect(recorded?.body.toString('utf8')).toBe(body);
    expect(recorded?.headers['x-auth-token']).toBe(REDACTED);
    expect(recorded?.headers['x-custom']).toBe('kept');
    expect(recorded?.headers['content-type']).toBe('application/json');
    const raw = recorded?.rawHeaders ?? [];
    const tokenName = raw.findIndex((value, index) => index % 2 === 0 && value.toLowerCase() === 'x-auth-token');
    expect(raw[tokenName + 1]).toBe(REDACTED);
    expect(recorded?.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(recorded?.receivedAt).toBeInstanceOf(Date);
  });

  it('redact the Authorization and the security token of a signed request', async () => {
    const url = `${server.url}${CHECKPOINTS_PATH}`;
    const body = JSON.stringify(exampleRequest());
    const securityToken = 'temporary-security-token-that-must-never-leak';
    const headers = {
      'Content-Type': 'application/json',
      'X-Project-Id': PROJECT_ID,
      'X-Security-Token': securityToken,
    };
    const signed = await signRequest({ method: 'POST', url, headers, body }, { accessKey: AK, secretKey: SK });
    server.store.reset();
    expectCheckpoint(await call(server, 'POST', CHECKPOINTS_PATH, { body, headers: { ...headers, ...signed } }));
    const recorded = server.requests.at(-1);
    expect(recorded?.headers.authorization).toBe(REDACTED);
    expect(recorded?.hasAuthorization).toBe(true);
    expect(recorded?.headers['x-sdk-date']).toBe(signed['X-Sdk-Date']);
    const signature = /Signature=([0-9a-f]{64})/.exec(signed.Authorization)?.[1] as string;
    expect(JSON.stringify(server.requests)).not.toContain(signature);
    expect(recorded?.headers['x-security-token']).toBe(REDACTED);
    expect(JSON.stringify(server.requests)).not.toContain(securityToken);
  });

  it('keep the fault applied, and nothing secret anywhere, even for refused or faulty requests', async () => {
    server.faults.push({ kind: 'empty', status: 503 });
    await call(server, 'GET', `${CHECKPOINTS_PATH}/x`, { headers: { 'X-Auth-Token': TOKEN } });
    await call(server, 'GET', `${CHECKPOINTS_PATH}/x`, { headers: { Authorization: `Bearer ${'x'.repeat(40)}` } });
    const [faulty, refused] = server.requests.slice(-2);
    expect(faulty?.fault).toEqual({ kind: 'empty', status: 503 });
    expect(refused?.status).toBe(401);
    expect(refused?.hasToken).toBe(false);
    expect(refused?.hasAuthorization).toBe(true);

    const everything = JSON.stringify(server.requests) + logLines.join('\n');
    for (const secret of [TOKEN, SK, 'x'.repeat(40)]) expect(everything).not.toContain(secret);
  });

  it('are logged one line each, when a log is given', () => {
    expect(logLines).toContain(`POST ${CHECKPOINTS_PATH}?trace=1 200`);
    expect(logLines).toContain(`GET ${CHECKPOINTS_PATH}/x 503 (fault: empty)`);
  });

  it('are forgotten by reset()', () => {
    server.reset();
    expect(server.requests).toEqual([]);
    expect(server.createdCount).toBe(0);
  });
});

describe('a long-running mock', () => {
  it('keeps only the last maxRecordedRequests requests', async () => {
    const small = await startMockServer({ maxRecordedRequests: 3 });
    try {
      for (let i = 0; i < 5; i++)
        await fetch(`${small.url}/v3/p/checkpoints/cp-${i}`, { headers: { 'X-Auth-Token': 't' } });
      expect(small.requests.map((r) => r.path)).toEqual([
        '/v3/p/checkpoints/cp-2',
        '/v3/p/checkpoints/cp-3',
        '/v3/p/checkpoints/cp-4',
      ]);
    } finally {
      await small.close();
    }
  });

  it('keeps the first 4 KiB of each body, and a byte bound on all records (the oldest dropped)', async () => {
    const MIB = 1024 * 1024;
    const BOUND = 256 * 1024;
    const bounded = await startMockServer({ maxRecordedBytes: BOUND });
    try {
      expect(RECORDED_BODY_BYTES).toBe(4096);
      // A junk body of 1 MiB, refused with 400: 4 KiB of it kept, its size noted.
      const junk = Buffer.alloc(MIB, 'j');
      const refused = await call(bounded, 'POST', CHECKPOINTS_PATH, {
        body: junk,
        headers: { 'Content-Type': 'application/json', 'X-Auth-Token': TOKEN },
      });
      expect(refused.status).toBe(400);
      const first = bounded.requests.at(-1);
      expect(first?.body).toEqual(junk.subarray(0, RECORDED_BODY_BYTES));
      expect(first).toMatchObject({ bodySize: MIB, bodyTruncated: true, status: 400 });

      // A password request longer than 4 KiB: the password is redacted before the body is cut.
      const password = 'a-password-that-must-never-be-recorded';
      const tokenBody = `${' '.repeat(5000)}{"auth":{"identity":{"methods":["password"],"password":{"user":{"domain":{"name":"d"},"name":"u","password":"${password}"}}},"scope":{"project":{"name":"cn-north-4"}}}}`;
      await call(bounded, 'POST', '/v3/auth/tokens', {
        body: tokenBody,
        headers: { 'Content-Type': 'application/json' },
      });
      const tokenRecord = bounded.requests.at(-1);
      expect(tokenRecord?.bodySize).toBe(Buffer.byteLength(tokenBody));
      expect(tokenRecord?.body.toString()).toContain(REDACTED);
      expect(JSON.stringify(bounded.requests)).not.toContain(password);

      // A small body is kept whole.
      await call(bounded, 'POST', CHECKPOINTS_PATH, { body: 'small', headers: { 'X-Auth-Token': TOKEN } });
      expect(bounded.requests.at(-1)).toMatchObject({ bodySize: 5, bodyTruncated: false });
      expect(bounded.requests.at(-1)?.body.toString()).toBe('small');

      // 120 junk posts of 8 KiB: more than 256 KiB of kept bodies; the oldest records go.
      for (let i = 0; i < 120; i++) {
        await call(bounded, 'POST', `${CHECKPOINTS_PATH}?n=${i}`, {
          body: Buffer.alloc(8 * 1024, 'x'),
          headers: { 'X-Auth-Token': TOKEN },
        });
      }
      const kept = bounded.requests;
      expect(kept.length).toBeLessThan(1 + BOUND / RECORDED_BODY_BYTES);
      expect(kept.at(-1)?.path).toBe(`${CHECKPOINTS_PATH}?n=119`);
      const bodies = kept.reduce((sum, record) => sum + record.body.length, 0);
      expect(bodies).toBeLessThanOrEqual(BOUND);
      expect(kept.every((record) => record.body.length <= RECORDED_BODY_BYTES)).toBe(true);
    } finally {
      await bounded.close();
    }
  });
});
