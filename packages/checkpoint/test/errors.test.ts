// Every kind of error answer becomes a clear CbrApiError of the right class: both Huawei body shapes,
// OpenStack's {"unauthorized": …}, gateway HTML, empty and truncated bodies. Never a parse crash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CbrApiError,
  CbrAuthError,
  CbrBadRequestError,
  CbrClient,
  CbrError,
  CbrInvalidResponseError,
  CbrNotFoundError,
  CbrServerError,
  CbrThrottledError,
} from '../src/index.js';
import { PROJECT_ID, seedParams, TOKEN } from './support/fixtures.js';
import { type Answer, json, type ScriptedServer, startScriptedServer } from './support/scripted-server.js';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(() => json(200, {}));
});
afterAll(() => server.close());

const failWith = async (answer: Answer, call: 'create' | 'get' = 'create') => {
  server.reset(() => answer);
  const cbr = new CbrClient({
    endpoint: server.url,
    projectId: PROJECT_ID,
    credentials: { token: TOKEN },
    maxRetries: 0,
  });
  const promise = call === 'create' ? cbr.checkpoints.create(seedParams()) : cbr.checkpoints.get('cp-1');
  return (await promise.then(
    () => expect.unreachable('the call should fail'),
    (error: unknown) => error,
  )) as CbrApiError;
};

const html = (status: number, title: string): Answer => ({
  status,
  headers: { 'content-type': 'text/html' },
  body: `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`,
});

describe('error answers', () => {
  it('reads Huawei’s {error_code, error_msg} and the X-Request-Id header', async () => {
    const error = await failWith(
      json(400, { error_code: 'BackupService.6105', error_msg: 'Vault Not Found' }, { 'x-request-id': 'rid-1' }),
    );
    expect(error).toBeInstanceOf(CbrBadRequestError);
    expect(error).toBeInstanceOf(CbrApiError);
    expect(error).toBeInstanceOf(CbrError);
    expect(error).toMatchObject({
      name: 'CbrBadRequestError',
      status: 400,
      code: 'BackupService.6105',
      requestId: 'rid-1',
      operation: 'createCheckpoint',
      retryable: false,
    });
    expect(error.message).toBe('createCheckpoint: HTTP 400 BackupService.6105: Vault Not Found (request id rid-1)');
  });

  it('takes the request id from the body when the header is missing (gateway errors)', async () => {
    const error = await failWith(
      json(401, {
        error_code: 'APIGW.0301',
        error_msg: 'Incorrect IAM authentication information',
        request_id: 'gw-9',
      }),
    );
    expect(error).toBeInstanceOf(CbrAuthError);
    expect(error).toMatchObject({ status: 401, code: 'APIGW.0301', requestId: 'gw-9' });
  });

  it('reads the {"error": {"code", "message"}} shape', async () => {
    const error = await failWith(json(403, { error: { code: 'CBR.0403', message: 'Forbidden by policy' } }));
    expect(error).toBeInstanceOf(CbrAuthError);
    expect(error).toMatchObject({ code: 'CBR.0403', message: expect.stringContaining('Forbidden by policy') });
  });

  it('reads the {"unauthorized": …} quirk of a malformed checkpoint id', async () => {
    const error = await failWith(json(401, { unauthorized: { code: '401', message: 'Malformed request url' } }), 'get');
    expect(error).toBeInstanceOf(CbrAuthError);
    expect(error).toMatchObject({ status: 401, code: 'unauthorized', operation: 'showCheckpoint' });
    expect(error.message).toContain('Malformed request url');
  });

  it.each([
    [404, CbrNotFoundError],
    [429, CbrThrottledError],
    [500, CbrServerError],
    [503, CbrServerError],
    [409, CbrApiError],
  ])('maps HTTP %i to %o', async (status, type) => {
    const error = await failWith(json(status, { error_code: `X.${status}`, error_msg: 'nope' }));
    expect(error).toBeInstanceOf(type);
    expect(error.status).toBe(status);
  });

  it('explains a gateway HTML page instead of failing to parse it', async () => {
    const error = await failWith(html(502, '502 Bad Gateway'));
    expect(error).toBeInstanceOf(CbrServerError);
    expect(error.message).toBe(
      'createCheckpoint: HTTP 502: the gateway answered with an HTML page ("502 Bad Gateway") instead of JSON',
    );
    expect(error.code).toBeUndefined();
  });

  it('explains an empty body', async () => {
    const error = await failWith({ status: 503, body: '' });
    expect(error.message).toContain('HTTP 503 with an empty body');
  });

  it('explains a truncated JSON body', async () => {
    const error = await failWith({
      status: 500,
      headers: { 'content-type': 'application/json' },
      body: '{"error_code":"BackupService.99',
    });
    expect(error).toBeInstanceOf(CbrServerError);
    expect(error.message).toContain('malformed or truncated JSON');
    expect(error.body).toBe('{"error_code":"BackupService.99');
  });

  it('reads Retry-After in seconds and as an HTTP date', async () => {
    expect(
      (await failWith(json(429, { error_code: 'APIGW.0308', error_msg: 'throttled' }, { 'retry-after': '7' })))
        .retryAfterMs,
    ).toBe(7000);
    const date = new Date(Date.now() + 60_000).toUTCString();
    const error = await failWith(json(503, { error_code: 'x', error_msg: 'busy' }, { 'retry-after': date }));
    expect(error.retryAfterMs).toBeGreaterThan(55_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(60_000);
  });
});

describe('success answers that are not a restore point', () => {
  it.each([
    [
      'a truncated body',
      { status: 200, headers: { 'content-type': 'application/json' }, body: '{"checkpoint":{"id":"x"' },
      /not JSON/,
    ],
    ['an empty body', { status: 200, body: '' }, /not JSON/],
    ['HTML', html(200, 'Login'), /not JSON/],
    ['no checkpoint', json(200, { vault: {} }), /no "checkpoint" object/],
    ['a checkpoint without id', json(200, { checkpoint: { status: 'available' } }), /no id or status/],
  ] as [string, Answer, RegExp][])('%s gives CbrInvalidResponseError', async (_case, answer, message) => {
    const error = await failWith(answer);
    expect(error).toBeInstanceOf(CbrInvalidResponseError);
    expect(error.status).toBe(200);
    expect(error.message).toMatch(message);
  });
});

describe('IAM’s error answers, in its three shapes', () => {
  const iamFailure = async (answer: Answer) => {
    server.reset(() => answer);
    const cbr = new CbrClient({
      endpoint: server.url,
      iamEndpoint: server.url,
      region: 'cn-north-4',
      credentials: { domainName: 'acme', userName: 'bot', password: 'pa55word' },
      maxRetries: 0,
    });
    return (await cbr.checkpoints.create(seedParams()).catch((error: unknown) => error)) as CbrApiError;
  };

  it.each([
    [
      'Keystone’s {"error":{code,message,title}} (a wrong password)',
      json(
        401,
        { error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } },
        { 'x-request-id': 'iam-rid-1' },
      ),
      CbrAuthError,
      { status: 401, code: '401', requestId: 'iam-rid-1' },
      'The username or password is wrong.',
    ],
    [
      'IAM’s {"error_code","error_msg"} (a console-only user), with only X-IAM-Trace-Id',
      json(
        403,
        { error_msg: 'This user only supports console access, not programmatic access.', error_code: 'IAM.0081' },
        { 'x-iam-trace-id': 'trace-7' },
      ),
      CbrAuthError,
      { status: 403, code: 'IAM.0081', requestId: 'trace-7' },
      'This user only supports console access',
    ],
    [
      'the API gateway’s {"error_code","error_msg","request_id"}',
      json(400, { error_code: 'IAM.0011', error_msg: 'Request body is invalid.', request_id: 'gw-rid-3' }),
      CbrBadRequestError,
      { status: 400, code: 'IAM.0011', requestId: 'gw-rid-3' },
      'Request body is invalid.',
    ],
  ])('%s', async (_shape, answer, kind, fields, message) => {
    const error = await iamFailure(answer);
    expect(error).toBeInstanceOf(kind);
    expect(error).toMatchObject({ operation: 'keystoneCreateUserTokenByPassword', ...fields });
    expect(error.message).toContain(`keystoneCreateUserTokenByPassword: HTTP ${fields.status}`);
    expect(error.message).toContain(message);
    expect(server.received.map((request) => request.path)).toEqual(['/v3/auth/tokens?nocatalog=true']);
  });

  it('says Keystone’s numeric code once: HTTP 401, not HTTP 401 401 (the code stays on the error)', async () => {
    const error = await iamFailure(
      json(401, { error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } }),
    );
    expect(error.message).toBe('keystoneCreateUserTokenByPassword: HTTP 401: The username or password is wrong.');
    expect(error.code).toBe('401');
  });
});
