// Scripted faults: every kind, before and after processing, aimed by route, count and predicate; and the
// created count, which tells a client's tests whether a retry created a restore point twice.
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/index.js';
import { CHECKPOINTS_PATH, call, create, exampleRequest, expectCheckpoint, show, TOKEN } from './helpers.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ availableAfterMs: 0 });
});
afterEach(() => server.reset());
afterAll(() => server.close());

/** POSTs the seed's example with node:http, so a reset shows as the socket error it is. */
function rawCreate(): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}${CHECKPOINTS_PATH}`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'x-auth-token': TOKEN }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(exampleRequest()));
  });
}

describe('status and body', () => {
  it('answers the {error:{code,message}} shape once, then normally', async () => {
    const body = { error: { code: 'CBR.5000', message: 'internal' } };
    server.faults.push({ kind: 'respond', status: 500, body });
    const faulty = await create(server);
    expect(faulty.status).toBe(500);
    expect(faulty.json).toEqual(body);
    expect(faulty.headers.get('content-type')).toMatch(/^application\/json/);
    expect(faulty.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(server.createdCount).toBe(0);

    expectCheckpoint(await create(server));
    expect(server.createdCount).toBe(1);
    expect(server.requests.map((r) => r.fault?.kind)).toEqual(['respond', undefined]);
    expect(server.requests.map((r) => r.status)).toEqual([500, 200]);
  });

  it('answers the {"unauthorized":…} quirk on the route it aims at only', async () => {
    const quirk = { unauthorized: { code: '401', message: 'Malformed request url' } };
    server.faults.push({ route: 'showCheckpoint', kind: 'respond', status: 401, body: quirk });
    const created = expectCheckpoint(await create(server)); // not the route: untouched
    const faulty = await show(server, created.id);
    expect(faulty.status).toBe(401);
    expect(faulty.json).toEqual(quirk);
    expectCheckpoint(await show(server, created.id));
  });

  it('sends a string body and headers as given', async () => {
    server.faults.push({
      kind: 'respond',
      status: 418,
      body: 'short and stout',
      headers: { 'content-type': 'text/plain', 'x-extra': '1' },
    });
    const reply = await create(server);
    expect([reply.status, reply.text, reply.headers.get('content-type'), reply.headers.get('x-extra')]).toEqual([
      418,
      'short and stout',
      'text/plain',
      '1',
    ]);
  });

  it.each([502, 504])('answers a gateway HTML page (%i)', async (status) => {
    server.faults.push({ kind: 'gateway-html', status });
    const reply = await create(server);
    expect(reply.status).toBe(status);
    expect(reply.headers.get('content-type')).toBe('text/html');
    expect(reply.text).toMatch(new RegExp(`<h1>${status} `));
    expect(reply.json).toBeUndefined();
    expect(server.createdCount).toBe(0);
  });

  it('answers 502 HTML by default', async () => {
    server.faults.push({ kind: 'gateway-html' });
    const reply = await create(server);
    expect(reply.status).toBe(502);
    expect(reply.text).toContain('502 Bad Gateway');
  });

  it('answers an empty body', async () => {
    server.faults.push({ kind: 'empty' }, { kind: 'empty', status: 503 });
    const first = await create(server);
    expect([first.status, first.text, first.headers.get('content-length')]).toEqual([200, '', '0']);
    expect((await create(server)).status).toBe(503);
    expect(server.createdCount).toBe(0);
  });
});

describe('throttling', () => {
  it('answers 429 with Retry-After in seconds and an error body', async () => {
    server.faults.push({ kind: 'throttle', retryAfter: 2 });
    const reply = await create(server);
    expect(reply.status).toBe(429);
    expect(reply.headers.get('retry-after')).toBe('2');
    expect(reply.json).toEqual({ error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached' });
  });

  it('answers 503 with Retry-After as an HTTP date', async () => {
    const at = new Date('2030-01-01T00:00:05Z');
    server.faults.push({ kind: 'throttle', status: 503, retryAfter: at });
    const reply = await create(server);
    expect(reply.status).toBe(503);
    expect(reply.headers.get('retry-after')).toBe('Tue, 01 Jan 2030 00:00:05 GMT');
    expect(new Date(reply.headers.get('retry-after') as string).getTime()).toBe(at.getTime());
    expect(reply.json.error_code).toEqual(expect.any(String));
    expect(server.createdCount).toBe(0);
  });
});

describe('truncated JSON', () => {
  it('before processing: half of a JSON answer, nothing created', async () => {
    server.faults.push({ kind: 'truncated-json' });
    const reply = await create(server);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expect(reply.text.startsWith('{"checkpoint":{')).toBe(true);
    expect(() => JSON.parse(reply.text)).toThrow();
    expect(server.createdCount).toBe(0);
  });

  it('after processing: the real answer cut in half, the restore point created', async () => {
    server.faults.push({ kind: 'truncated-json', phase: 'after' });
    const reply = await create(server);
    expect(() => JSON.parse(reply.text)).toThrow();
    expect(server.createdCount).toBe(1);
    const [stored] = [...server.store.checkpoints.values()];
    const whole = JSON.stringify({ checkpoint: server.store.view(stored as never, { justCreated: true }) });
    expect(reply.text).toBe(whole.slice(0, Math.floor(whole.length / 2)));
  });
});

describe('connection reset', () => {
  it('before processing: the socket dies, nothing is created', async () => {
    server.faults.push({ route: 'createCheckpoint', kind: 'reset' });
    await expect(rawCreate()).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|EPIPE/) });
    expect(server.createdCount).toBe(0);
    expect(server.requests[0]?.fault?.kind).toBe('reset');
    expect(server.requests[0]?.status).toBeUndefined();
    // The server goes on serving.
    expect((await rawCreate()).status).toBe(200);
  });

  it('after processing: the restore point exists, but no answer came', async () => {
    server.faults.push({ route: 'createCheckpoint', kind: 'reset', phase: 'after' });
    await expect(rawCreate()).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(server.createdCount).toBe(1);
    const [checkpoint] = [...server.store.checkpoints.values()];
    expectCheckpoint(await show(server, checkpoint?.id as string));
  });
});

describe('delay', () => {
  it('waits, then answers normally', async () => {
    server.faults.push({ kind: 'delay', delayMs: 100 });
    const started = performance.now();
    expectCheckpoint(await create(server));
    // Only a lower bound: the answer cannot have come before the delay ended.
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    expect(server.requests[0]?.fault?.kind).toBe('delay');
  });

  it('after processing: the restore point is created while the client has given up', async () => {
    server.faults.push({ kind: 'delay', phase: 'after', delayMs: 2000 });
    const reply = fetch(`${server.url}${CHECKPOINTS_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-auth-token': TOKEN },
      body: JSON.stringify(exampleRequest()),
      signal: AbortSignal.timeout(100),
    });
    await expect(reply).rejects.toThrow();
    expect(server.createdCount).toBe(1);
  });

  it('delays another fault (delayMs on any kind)', async () => {
    server.faults.push({ kind: 'throttle', retryAfter: 1, delayMs: 50 });
    const started = performance.now();
    expect((await create(server)).status).toBe(429);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });
});

describe('the queue', () => {
  it('applies a fault `times` times, then lets requests through', async () => {
    server.faults.push({ kind: 'empty', status: 503, times: 2 });
    expect((await create(server)).status).toBe(503);
    expect(server.faults.pending).toHaveLength(1);
    expect((await create(server)).status).toBe(503);
    expect(server.faults.pending).toHaveLength(0);
    expectCheckpoint(await create(server));
    expect(server.createdCount).toBe(1);
  });

  it('applies faults in order, and `times: Infinity` until cleared', async () => {
    server.faults.push({ kind: 'empty', status: 500 }, { kind: 'empty', status: 502, times: Number.POSITIVE_INFINITY });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await create(server)).status);
    expect(statuses).toEqual([500, 502, 502, 502]);
    server.faults.clear();
    expectCheckpoint(await create(server));
  });

  it('picks requests with a predicate on the recorded request', async () => {
    server.faults.push({
      kind: 'empty',
      status: 400,
      match: (r) => r.method === 'GET',
      times: Number.POSITIVE_INFINITY,
    });
    const created = expectCheckpoint(await create(server));
    expect((await show(server, created.id)).status).toBe(400);
  });

  it("'*' also catches unknown routes", async () => {
    server.faults.push({ kind: 'empty', status: 504 });
    expect((await call(server, 'GET', '/nowhere')).status).toBe(504);
  });

  it('counts only restore points really created, across faults and retries', async () => {
    server.faults.push(
      { route: 'createCheckpoint', kind: 'reset' },
      { route: 'createCheckpoint', kind: 'throttle', retryAfter: 0 },
      { route: 'createCheckpoint', kind: 'gateway-html', status: 504, phase: 'after' },
    );
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      outcomes.push(
        await rawCreate().then(
          (r) => String(r.status),
          (e: NodeJS.ErrnoException) => e.code ?? 'error',
        ),
      );
    }
    expect(outcomes[0]).toMatch(/ECONNRESET|EPIPE/);
    expect(outcomes.slice(1)).toEqual(['429', '504', '200']);
    // Created by the 3rd attempt (whose answer was lost behind a 504) and the 4th: two restore points.
    expect(server.createdCount).toBe(2);
  });
});

describe('close', () => {
  it('ends pending delays and connections', async () => {
    const local = await startMockServer();
    local.faults.push({ kind: 'delay', delayMs: 60_000 });
    const pending = fetch(`${local.url}/anything`).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await local.close();
    expect(await pending).toBe('failed');
  });
});
