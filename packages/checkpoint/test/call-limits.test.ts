// The call's signal and timeout bound everything the call waits for: the caller's token function (issue 19
// #5) and the IAM requests for a token or the project ID (#7), which may go on for other callers.
import { IAM_TOKEN_RESPONSE_EXAMPLE } from '@cbr-sdk/checkpoint-api/iam';
import { describe, expect, it } from 'vitest';
import { CbrAbortError, CbrClient, type CbrClientOptions, CbrTimeoutError } from '../src/index.js';
import { ACCESS_KEY, PROJECT_ID, SECRET_KEY, seedParams, seedResponse, TOKEN } from './support/fixtures.js';
import { json, type ScriptedServer, scriptedServers } from './support/scripted-server.js';
import { transports } from './support/transports.js';

// Each test waits for a timeout or a signal, with a server of its own: they run concurrently.
const serverFor = scriptedServers();

const isIam = (request: { path: string }) =>
  request.path.startsWith('/v3/auth') || request.path.startsWith('/v3/projects');
/** IAM never answers (within the test); CBR answers at once. */
const hungIam = (request: { path: string }) =>
  isIam(request)
    ? { ...json(201, IAM_TOKEN_RESPONSE_EXAMPLE, { 'x-subject-token': 'MIIsubject' }), delayMs: 20_000 }
    : json(200, seedResponse());
const cbrRequests = (server: ScriptedServer) => server.received.filter((request) => !isIam(request));

/** How long `promise` takes to settle, and with what. */
async function timed(promise: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, ms: performance.now() - started };
}

const slowToken = () => new Promise<string>((resolve) => setTimeout(() => resolve(TOKEN), 5_000).unref());

describe.concurrent.each(transports)('a pending token function (%s)', (_transport, transportOptions) => {
  const client = (server: ScriptedServer, options: Partial<CbrClientOptions> = {}) =>
    new CbrClient({
      endpoint: server.url,
      projectId: PROJECT_ID,
      credentials: { token: slowToken },
      ...transportOptions(),
      ...options,
    });

  it('is cut short by the call’s signal', async () => {
    const server = await serverFor(() => json(200, seedResponse()));
    const { error, ms } = await timed(client(server).checkpoints.get('cp', { signal: AbortSignal.timeout(200) }));
    expect(error).toBeInstanceOf(CbrAbortError);
    expect(ms).toBeLessThan(1_000);
    expect(server.received).toHaveLength(0);
  });

  it('is cut short by the call’s timeout (nothing sent)', async () => {
    const server = await serverFor(() => json(200, seedResponse()));
    const { error, ms } = await timed(client(server).checkpoints.create(seedParams(), { timeoutMs: 300 }));
    expect(error).toBeInstanceOf(CbrTimeoutError);
    expect((error as Error).message).toMatch(/credentials\.token.*300 ms/);
    expect(error).toMatchObject({ operation: 'createCheckpoint', requestSent: false });
    expect(ms).toBeLessThan(1_000);
    expect(server.received).toHaveLength(0);
  });

  it('is cut short by the client’s timeout when the call sets none', async () => {
    const server = await serverFor(() => json(200, seedResponse()));
    const { error, ms } = await timed(client(server, { timeoutMs: 300 }).checkpoints.get('cp'));
    expect(error).toBeInstanceOf(CbrTimeoutError);
    expect(ms).toBeLessThan(1_000);
  });
});

describe.concurrent.each(transports)('a hanging IAM (%s)', (_transport, transportOptions) => {
  it('password credentials: get(id, { timeoutMs: 500 }) gives up after about 500 ms, not 3 × the client’s 10 s', async () => {
    const server = await serverFor(hungIam);
    const cbr = new CbrClient({
      region: 'cn-north-4',
      endpoint: server.url,
      iamEndpoint: server.url,
      credentials: { domainName: 'acme-prod', userName: 'backup-bot', password: 'S3cret-pa55word!' },
      timeoutMs: 10_000,
      ...transportOptions(),
    });
    const { error, ms } = await timed(cbr.checkpoints.get('cp', { timeoutMs: 500 }));
    expect(error).toBeInstanceOf(CbrTimeoutError);
    expect(error).toMatchObject({ operation: 'keystoneCreateUserTokenByPassword', timeoutMs: 500 });
    expect(ms).toBeLessThan(1_500);
    expect(cbrRequests(server)).toHaveLength(0);
  });

  it('password credentials: the call’s signal ends the wait for the token too', async () => {
    const server = await serverFor(hungIam);
    const cbr = new CbrClient({
      region: 'cn-north-4',
      endpoint: server.url,
      iamEndpoint: server.url,
      credentials: { domainName: 'acme-prod', userName: 'backup-bot', password: 'S3cret-pa55word!' },
      timeoutMs: 10_000,
      ...transportOptions(),
    });
    const { error, ms } = await timed(cbr.checkpoints.get('cp', { signal: AbortSignal.timeout(200) }));
    expect(error).toBeInstanceOf(CbrAbortError);
    expect(ms).toBeLessThan(1_000);
  });

  it('AK/SK without a project ID: the project lookup is bounded by the call’s timeout', async () => {
    const server = await serverFor(hungIam);
    const cbr = new CbrClient({
      region: 'cn-north-4',
      endpoint: server.url,
      iamEndpoint: server.url,
      credentials: { accessKey: ACCESS_KEY, secretKey: SECRET_KEY },
      timeoutMs: 10_000,
      ...transportOptions(),
    });
    const { error, ms } = await timed(cbr.checkpoints.get('cp', { timeoutMs: 500 }));
    expect(error).toBeInstanceOf(CbrTimeoutError);
    expect(error).toMatchObject({ operation: 'keystoneListProjects', timeoutMs: 500 });
    expect(ms).toBeLessThan(1_500);
    const resolved = await timed(cbr.resolveProjectId({ timeoutMs: 300 }));
    expect(resolved.error).toBeInstanceOf(CbrTimeoutError);
    expect(resolved.ms).toBeLessThan(1_000);
  });
});
