// Values that become HTTP headers (a token, the User-Agent, an access key, a project ID) are checked where
// they enter: static ones when the client is made, a token function's result at the call. A header Node
// would refuse never reaches http.request, and when one does (a transport used on its own), it is an
// answer-less failure of the call, with no timer left to fire later.
import http from 'node:http';
import https from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CbrClient, type CbrClientOptions, CbrConfigError, CbrError } from '../src/index.js';
import { nodeHttpTransport } from '../src/transport/node-http-transport.js';
import { RequestSender } from '../src/transport/request-sender.js';
import { ACCESS_KEY, PROJECT_ID, SECRET_KEY, seedResponse, TOKEN } from './support/fixtures.js';
import { json, type ScriptedServer, scriptedServers, startScriptedServer } from './support/scripted-server.js';
import { transports } from './support/transports.js';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(() => json(200, seedResponse()));
});
afterAll(() => server.close());
// The tests that wait past a timeout (for a timer that must not fire) have servers of their own, and run
// concurrently.
const serverFor = scriptedServers();

// Anything thrown later from a timer (the crash of issue 19) is counted here, besides failing the run.
const uncaught: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);
beforeAll(() => {
  process.on('uncaughtException', onUncaught);
});
afterAll(() => {
  process.off('uncaughtException', onUncaught);
});
afterEach(() => {
  expect(uncaught).toEqual([]);
});

const base = (
  credentials: CbrClientOptions['credentials'],
  options: Partial<CbrClientOptions> = {},
  on: ScriptedServer = server,
) => ({
  endpoint: on.url,
  projectId: PROJECT_ID,
  credentials,
  ...options,
});

describe('static values are checked when the client is made', () => {
  const refused: [string, string, Partial<CbrClientOptions> & { credentials?: CbrClientOptions['credentials'] }][] = [
    ['userAgent', 'a euro sign', { userAgent: 'my-app/1.0 €' }],
    ['userAgent', 'a line break', { userAgent: 'my-app/1.0\r\nX-Injected: 1' }],
    ['credentials.token', 'a control character', { credentials: { token: 'MIIE\u0000token' } }],
    ['credentials.token', 'a non-Latin-1 character', { credentials: { token: 'MIIE-tøken-€' } }],
    [
      'credentials.accessKey',
      'a line break',
      { credentials: { accessKey: `${ACCESS_KEY}\nX: 1`, secretKey: SECRET_KEY } },
    ],
    [
      'credentials.securityToken',
      'a control character',
      { credentials: { accessKey: ACCESS_KEY, secretKey: SECRET_KEY, securityToken: 'sts\u0007token' } },
    ],
    ['projectId', 'a line break', { projectId: `${PROJECT_ID}\n` }],
    ['projectId', 'a non-ASCII character', { projectId: 'prøject' }],
  ];
  it.each(refused)('%s with %s: CbrConfigError naming it', (option, _what, options) => {
    const make = () => new CbrClient({ ...base({ token: TOKEN }), ...options });
    expect(make).toThrow(CbrConfigError);
    expect(make).toThrow(option);
  });

  it('a static token read from a file keeps working: its surrounding whitespace is trimmed', async () => {
    server.reset(() => json(200, seedResponse()));
    const cbr = new CbrClient(base({ token: `  ${TOKEN}\n` }));
    await cbr.checkpoints.get('cp');
    expect(server.received[0]?.headers['x-auth-token']).toBe(TOKEN);
  });
});

describe.concurrent.each(transports)(
  'a token function’s result is checked at the call (%s)',
  (_transport, transportOptions) => {
    it('a trailing newline (readFile) is trimmed and the call works', async () => {
      const server = await serverFor(() => json(200, seedResponse()));
      const cbr = new CbrClient(base({ token: async () => `${TOKEN}\n` }, transportOptions(), server));
      await cbr.checkpoints.get('cp');
      expect(server.received[0]?.headers['x-auth-token']).toBe(TOKEN);
    });

    it.each([
      ['a line break inside', `${TOKEN}\nX-Injected: 1`],
      ['a euro sign', `${TOKEN}€`],
      ['a control character', `${TOKEN}\u0001`],
    ])('%s: CbrConfigError naming credentials.token, nothing sent, no crash later', async (_what, token) => {
      const server = await serverFor(() => json(200, seedResponse()));
      const cbr = new CbrClient(base({ token: () => token }, { timeoutMs: 150, ...transportOptions() }, server));
      const error = await cbr.checkpoints.get('cp').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CbrConfigError);
      expect((error as Error).message).toContain('credentials.token');
      expect((error as Error).message).not.toContain(TOKEN);
      // Past the request timeout: a timer armed for a request that never existed would fire here.
      await sleep(300);
      expect(server.received).toHaveLength(0);
    });
  },
);

describe('the node:http transport on its own', () => {
  it('a header Node refuses: an "unsendable" failure, nothing sent, no timer left behind', async () => {
    const server = await serverFor(() => json(200, seedResponse()));
    const send = nodeHttpTransport(http, https);
    const failure = await send(
      { method: 'GET', url: `${server.url}/v3/x`, headers: { 'X-Auth-Token': 'a\nb' }, body: undefined },
      { timeoutMs: 100 },
    ).catch((e: unknown) => e);
    expect(failure).not.toBeInstanceOf(Error);
    expect(failure).toMatchObject({ kind: 'unsendable', code: 'ERR_INVALID_CHAR' });
    await sleep(250);
    expect(server.received).toHaveLength(0);
  });
});

describe('the request sender', () => {
  it('turns anything a transport throws into a CbrError', async () => {
    const sender = new RequestSender(
      () => {
        throw new TypeError('Invalid character in header content ["x-auth-token"]');
      },
      { timeoutMs: 100, maxRetries: 2, retryBaseDelayMs: 1, maxRetryDelayMs: 10, hooks: {}, logger: {} },
    );
    let attempts = 0;
    const error = await sender
      .send({
        operation: 'showCheckpoint',
        idempotent: true,
        prepare: async () => {
          attempts++;
          return { method: 'GET', url: `${server.url}/v3/x`, headers: { 'X-Auth-Token': TOKEN }, body: undefined };
        },
        read: () => undefined,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CbrError);
    expect(error).not.toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain('showCheckpoint');
    expect(attempts).toBe(1);
  });
});
