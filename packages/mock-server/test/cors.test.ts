// The `cors` option, over real HTTP: off by default; `true` for any origin; a list of origins; preflights
// answered before routing, faults and auth; CORS headers on every answer (errors included) to an allowed origin.
import { afterEach, describe, expect, it } from 'vitest';
import { type MockServer, type MockServerOptions, startMockServer } from '../src/index.js';
import { CHECKPOINTS_PATH, call, create, expectCheckpoint, expectError, show, TOKEN } from './helpers.js';

const PAGE = 'http://127.0.0.1:5173';
const OTHER_PAGE = 'http://localhost:8080';
const SDK_HEADERS = 'content-type,x-auth-token,x-sdk-date,x-project-id,x-security-token,authorization';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: MockServerOptions): Promise<MockServer> {
  server = await startMockServer({ availableAfterMs: 0, ...options });
  return server;
}

/** A browser's preflight for a POST with the SDK's headers (or the method and headers given). */
const preflight = (
  target: MockServer,
  origin: string,
  { method = 'POST', headers = SDK_HEADERS, path = CHECKPOINTS_PATH } = {},
) =>
  call(target, 'OPTIONS', path, {
    headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': headers },
  });

/** A create as a page at `origin` sends it. */
const createFrom = (target: MockServer, origin: string) =>
  call(target, 'POST', CHECKPOINTS_PATH, {
    body: { checkpoint: { vault_id: '3b5816b5-f29c-4172-9d9a-76c719a659ce', parameters: {} } },
    headers: { Origin: origin, 'X-Auth-Token': TOKEN },
  });

describe('cors off (the default)', () => {
  it('sends no CORS header and treats a preflight as any OPTIONS request (405 on a known path)', async () => {
    const mock = await start({});
    const answer = await preflight(mock, PAGE);
    expectError(answer, 405, 'APIGW.0101');
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    const created = await createFrom(mock, PAGE);
    expectCheckpoint(created);
    expect(created.headers.get('access-control-allow-origin')).toBeNull();
    expect(created.headers.get('access-control-expose-headers')).toBeNull();
  });
});

describe('cors: true', () => {
  it('answers a preflight from any origin with the methods and headers the SDK uses', async () => {
    const mock = await start({ cors: true });
    for (const origin of [PAGE, OTHER_PAGE, 'https://app.example.com']) {
      const answer = await preflight(mock, origin);
      expect(answer.status, answer.text).toBe(204);
      expect(answer.text).toBe('');
      expect(answer.headers.get('access-control-allow-origin')).toBe('*');
      expect(answer.headers.get('access-control-allow-methods')?.split(', ')).toEqual(
        expect.arrayContaining(['GET', 'POST', 'OPTIONS']),
      );
      const allowed = answer.headers.get('access-control-allow-headers')?.toLowerCase().split(', ') ?? [];
      expect(allowed.sort()).toEqual(SDK_HEADERS.split(',').sort());
      expect(Number(answer.headers.get('access-control-max-age'))).toBeGreaterThan(0);
      expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('lets the page read the answer and its X-Request-Id, X-Subject-Token and Retry-After headers', async () => {
    const mock = await start({ cors: true });
    const created = await createFrom(mock, PAGE);
    const checkpoint = expectCheckpoint(created);
    expect(created.headers.get('access-control-allow-origin')).toBe('*');
    expect(created.headers.get('access-control-expose-headers')?.split(', ')).toEqual(
      expect.arrayContaining(['X-Request-Id', 'X-Subject-Token', 'Retry-After']),
    );
    const shown = await call(mock, 'GET', `${CHECKPOINTS_PATH}/${checkpoint.id}`, {
      headers: { Origin: PAGE, 'X-Auth-Token': TOKEN },
    });
    expect(expectCheckpoint(shown).id).toBe(checkpoint.id);
    expect(shown.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('puts the CORS headers on every answer, whatever the route: errors, unknown paths, scripted faults', async () => {
    const mock = await start({ cors: true });
    const unauthorized = await call(mock, 'POST', CHECKPOINTS_PATH, { body: {}, headers: { Origin: PAGE } });
    expectError(unauthorized, 401, 'APIGW.0301');
    const unknownPath = await call(mock, 'GET', '/v3/nowhere', { headers: { Origin: PAGE } });
    expectError(unknownPath, 404, 'APIGW.0101');
    mock.faults.push({ route: 'createCheckpoint', kind: 'throttle', retryAfter: 3 });
    const throttled = await createFrom(mock, PAGE);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('3');
    for (const answer of [unauthorized, unknownPath, throttled]) {
      expect(answer.headers.get('access-control-allow-origin')).toBe('*');
      expect(answer.headers.get('access-control-expose-headers')).toContain('Retry-After');
    }
  });

  it('answers a preflight before faults and auth: it uses up no fault, needs no credential, and is recorded', async () => {
    const mock = await start({ cors: true });
    mock.faults.push({ route: '*', kind: 'reset' });
    const answer = await preflight(mock, PAGE);
    expect(answer.status).toBe(204);
    expect(mock.faults.pending).toHaveLength(1);
    expect(mock.requests.at(-1)).toMatchObject({ method: 'OPTIONS', status: 204, fault: undefined });
    expect(mock.createdCount).toBe(0);
  });

  it('leaves an OPTIONS request that is not a preflight (no Access-Control-Request-Method) to the routes', async () => {
    const mock = await start({ cors: true });
    expectError(await call(mock, 'OPTIONS', CHECKPOINTS_PATH, { headers: { Origin: PAGE } }), 405, 'APIGW.0101');
  });

  it('refuses a preflight for a method or a header the API does not use, naming it', async () => {
    const mock = await start({ cors: true });
    const method = await preflight(mock, PAGE, { method: 'PATCH' });
    expect(expectError(method, 403, 'APIGW.0403')).toContain('method PATCH is not allowed');
    const header = await preflight(mock, PAGE, { headers: 'x-auth-token,x-custom-trace' });
    expect(expectError(header, 403, 'APIGW.0403')).toContain('header x-custom-trace is not allowed');
    expect(header.headers.get('access-control-allow-headers')).toBeNull();
  });
});

describe('cors and the IAM routes', () => {
  it('lets a page obtain a token: the preflight of POST /v3/auth/tokens, then X-Subject-Token exposed', async () => {
    const user = { domainName: 'acme', userName: 'page-user', password: 'a-page-password' };
    const mock = await start({ cors: [PAGE], iamUsers: [user] });
    const answer = await preflight(mock, PAGE, { path: '/v3/auth/tokens?nocatalog=true', headers: 'content-type' });
    expect(answer.status, answer.text).toBe(204);
    const issued = await call(mock, 'POST', '/v3/auth/tokens?nocatalog=true', {
      body: {
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: user.userName, password: user.password, domain: { name: user.domainName } } },
          },
          scope: { project: { name: 'cn-north-4' } },
        },
      },
      headers: { Origin: PAGE },
    });
    expect(issued.status, issued.text).toBe(201);
    expect(issued.headers.get('x-subject-token')).toMatch(/^MII/);
    expect(issued.headers.get('access-control-allow-origin')).toBe(PAGE);
    expect(issued.headers.get('access-control-expose-headers')).toContain('X-Subject-Token');
  });
});

describe('cors: a list of origins', () => {
  it('allows the listed origins only, echoing the origin with Vary: Origin', async () => {
    const mock = await start({ cors: [PAGE, 'https://console.example.com/'] });
    for (const origin of [PAGE, 'https://console.example.com']) {
      const answer = await preflight(mock, origin);
      expect(answer.status, answer.text).toBe(204);
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
      expect(answer.headers.get('vary')).toBe('Origin');
    }
    const created = await createFrom(mock, PAGE);
    expectCheckpoint(created);
    expect(created.headers.get('access-control-allow-origin')).toBe(PAGE);
    expect(created.headers.get('vary')).toBe('Origin');
  });

  it('refuses the preflight of another origin (403 naming it) and sends it no CORS header', async () => {
    const mock = await start({ cors: [PAGE] });
    const refused = await preflight(mock, OTHER_PAGE);
    expect(expectError(refused, 403, 'APIGW.0403')).toBe(
      `CORS preflight refused: origin ${OTHER_PAGE} is not in the mock server's cors list`,
    );
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    // Same host, other port or scheme: other origins.
    expect((await preflight(mock, 'http://127.0.0.1:5174')).status).toBe(403);
    expect((await preflight(mock, 'https://127.0.0.1:5173')).status).toBe(403);
    // A request that is sent anyway is served (the browser, not the server, withholds the answer from the page).
    const created = await createFrom(mock, OTHER_PAGE);
    expectCheckpoint(created);
    expect(created.headers.get('access-control-allow-origin')).toBeNull();
    expect(created.headers.get('vary')).toBe('Origin');
    // Non-browser clients send no Origin: unaffected.
    expectCheckpoint(await show(mock, expectCheckpoint(await create(mock)).id));
  });

  it('refuses a bad cors option when starting, naming the entry', async () => {
    await expect(startMockServer({ cors: ['localhost:5173'] })).rejects.toThrow(
      /^cors\[0\] must be an origin such as 'http:\/\/localhost:5173'.*got "localhost:5173"$/,
    );
    await expect(startMockServer({ cors: [PAGE, 'http://a.example/app'] })).rejects.toThrow(/^cors\[1\] must be/);
    await expect(startMockServer({ cors: [PAGE, 42 as unknown as string] })).rejects.toThrow(/^cors\[1\] must be/);
    await expect(startMockServer({ cors: '*' as unknown as boolean })).rejects.toThrow(
      'cors must be true, false or a list of origins, got "*"',
    );
  });
});
