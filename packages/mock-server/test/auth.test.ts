// Authentication: IAM tokens (any, or a configured set) and AK/SK signatures verified with the SDK's own
// verifier. Refusals are 401 APIGW.0301 and never repeat the credential.
import { signRequest } from '@cbr-sdk/checkpoint-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/index.js';
import { CHECKPOINTS_PATH, call, exampleRequest, expectCheckpoint, expectError, PROJECT_ID, TOKEN } from './helpers.js';

const AK = 'HPUAEXAMPLEACCESSKEY';
const SK = 'example-secret-key-that-must-never-leak';
const body = JSON.stringify(exampleRequest());

let open: MockServer; // any non-empty token
let closed: MockServer; // a fixed set of tokens, and one key pair
beforeAll(async () => {
  open = await startMockServer({ availableAfterMs: 0 });
  closed = await startMockServer({ availableAfterMs: 0, tokens: ['token-a', 'token-b'], accessKeys: { [AK]: SK } });
});
afterAll(async () => {
  await open.close();
  await closed.close();
});

const post = (server: MockServer, headers: Record<string, string>, payload: string = body) =>
  call(server, 'POST', CHECKPOINTS_PATH, {
    body: payload,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

/** A 401 from the gateway, which names the problem but never the credential. */
function expectRefused(reply: Awaited<ReturnType<typeof call>>, ...secrets: string[]) {
  const message = expectError(reply, 401, 'APIGW.0301');
  expect(message).toMatch(/^Incorrect IAM authentication information: /);
  for (const secret of secrets) expect(reply.text).not.toContain(secret);
  return message;
}

describe('tokens', () => {
  it('accepts any non-empty token by default', async () => {
    expectCheckpoint(await post(open, { 'X-Auth-Token': TOKEN }));
  });

  it.each([
    ['no token', {}],
    ['an empty token', { 'X-Auth-Token': '' }],
    ['a blank token', { 'X-Auth-Token': '   ' }],
    ['a Bearer Authorization instead', { Authorization: 'Bearer abc' }],
  ])('refuses %s with 401 APIGW.0301', async (_, headers) => {
    const before = open.createdCount;
    expectRefused(await post(open, headers));
    expect(open.createdCount).toBe(before);
  });

  it('refuses GET without a token too', async () => {
    expectRefused(await call(open, 'GET', `${CHECKPOINTS_PATH}/x`, { headers: {} }));
  });

  it('accepts only the configured tokens when some are configured', async () => {
    expectCheckpoint(await post(closed, { 'X-Auth-Token': 'token-b' }));
    const message = expectRefused(await post(closed, { 'X-Auth-Token': TOKEN }), TOKEN);
    expect(message).toMatch(/token is not valid/);
  });
});

describe('AK/SK signatures (SDK-HMAC-SHA256)', () => {
  const url = () => `${closed.url}${CHECKPOINTS_PATH}`;
  const signed = async (
    credentials = { accessKey: AK, secretKey: SK },
    { now = new Date(), projectId = PROJECT_ID, payload = body } = {},
  ) => {
    const headers = { 'Content-Type': 'application/json', 'X-Project-Id': projectId };
    const signature = await signRequest({ method: 'POST', url: url(), headers, body: payload }, credentials, now);
    return { ...headers, ...signature };
  };

  it('accepts a request signed with a known key pair', async () => {
    expectCheckpoint(await post(closed, await signed()));
    const recorded = closed.requests.at(-1);
    expect(recorded?.hasAuthorization).toBe(true);
    expect(recorded?.hasToken).toBe(false);
  });

  it('accepts a signed GET', async () => {
    const created = expectCheckpoint(await post(closed, await signed()));
    const getUrl = `${closed.url}${CHECKPOINTS_PATH}/${created.id}`;
    const headers = await signRequest({ method: 'GET', url: getUrl, headers: {} }, { accessKey: AK, secretKey: SK });
    expectCheckpoint(await call(closed, 'GET', `${CHECKPOINTS_PATH}/${created.id}`, { headers }));
  });

  it('refuses a wrong secret key', async () => {
    const message = expectRefused(await post(closed, await signed({ accessKey: AK, secretKey: 'wrong' })), SK);
    expect(message).toMatch(/signature does not match/);
  });

  it('refuses an unknown access key', async () => {
    expect(expectRefused(await post(closed, await signed({ accessKey: 'UNKNOWN', secretKey: SK }), SK))).toMatch(
      /access key is unknown/,
    );
  });

  it('refuses a signature when no key pair is configured', async () => {
    const headers = await signed();
    expectRefused(await post(open, headers), SK);
  });

  it('refuses an X-Sdk-Date more than 15 minutes off', async () => {
    const stale = await signed(undefined, { now: new Date(Date.now() - 16 * 60 * 1000) });
    expect(expectRefused(await post(closed, stale))).toMatch(/X-Sdk-Date/);
  });

  it('refuses a body changed after signing', async () => {
    const headers = await signed();
    const tampered = body.replace('backup_name', 'backup_evil');
    expect(expectRefused(await post(closed, headers, tampered))).toMatch(/does not match/);
  });

  it('refuses a malformed Authorization header', async () => {
    const headers = { ...(await signed()), Authorization: 'SDK-HMAC-SHA256 Access=AK, Signature=zz' };
    expect(expectRefused(await post(closed, headers))).toMatch(/not a valid SDK-HMAC-SHA256/);
  });

  it('refuses an X-Project-Id that is not the project of the path', async () => {
    const headers = await signed(undefined, { projectId: 'another-project' });
    expect(expectRefused(await post(closed, headers))).toMatch(/X-Project-Id/);
  });

  it('never writes the signature or the token in a body, whatever the outcome', async () => {
    const headers = await signed({ accessKey: AK, secretKey: 'wrong' });
    const signature = /Signature=([0-9a-f]+)/.exec(headers.Authorization)?.[1] as string;
    const reply = await post(closed, { ...headers, 'X-Auth-Token': 'token-a' });
    expectRefused(reply, signature, 'token-a', SK);
  });
});
