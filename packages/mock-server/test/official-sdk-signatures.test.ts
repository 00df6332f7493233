// AK/SK signatures made the way each of Huawei's official SDKs makes them, sent over HTTP to the mock. The
// gateway verifies a signature over exactly the headers its SignedHeaders lists: Go signs no host and no
// content-type, Python no content-type, Java and the Node core both. The Node core signs with its own code;
// the Go, Python and Java shapes are signed here by hand, with the algorithm of Huawei's documentation (not
// with our signer, which always signs host).
import { createHash, createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/index.js';
import { CHECKPOINTS_PATH, call, exampleRequest, expectCheckpoint, expectError, PROJECT_ID } from './helpers.js';

const require = createRequire(import.meta.url);
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
  AKSKSigner: { sign(request: unknown, credential: unknown): Record<string, string> };
};

const AK = 'HPUAOFFICIALSDKSHAPE';
const SK = 'official-shape-secret-never-to-be-seen';
const SECURITY_TOKEN = 'temporary-security-token-never-to-be-seen';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ availableAfterMs: 0, accessKeys: { [AK]: SK } });
});
afterAll(() => server.close());

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
const encode = (segment: string) =>
  encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const sdkDate = (date = new Date()) => `${date.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;

/**
 * Signs by hand (Huawei's SDK-HMAC-SHA256, cbr-api.md steps 4-11) over exactly `signed`, which must be
 * lower-case names of `headers`; every header in `headers` is sent, signed or not.
 */
function signOver(method: string, path: string, headers: Record<string, string>, signed: string[], body: string) {
  const canonical = [
    method,
    `${path.split('/').map(encode).join('/')}/`,
    '',
    signed.map((name) => `${name}:${(headers[name] ?? '').trim()}\n`).join(''),
    signed.join(';'),
    sha256(body),
  ].join('\n');
  const stringToSign = `SDK-HMAC-SHA256\n${headers['x-sdk-date']}\n${sha256(canonical)}`;
  const signature = createHmac('sha256', SK).update(stringToSign).digest('hex');
  return `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=${signed.join(';')}, Signature=${signature}`;
}

/** Sends a request with these headers (host as the client sends it) and `authorization` signed over `signed`. */
async function sendSigned(
  method: 'POST' | 'GET',
  path: string,
  extra: Record<string, string>,
  signed: string[],
  body = '',
) {
  const headers: Record<string, string> = {
    host: new URL(server.url).host,
    'x-project-id': PROJECT_ID,
    'x-sdk-date': sdkDate(),
    ...extra,
  };
  const authorization = signOver(method, path, headers, signed, body);
  const { host: _sentByFetch, ...toSend } = headers;
  return call(server, method, path, {
    body: method === 'POST' ? body : undefined,
    headers: { ...toSend, authorization },
  });
}

describe('signatures in the shape of each official SDK', () => {
  const body = JSON.stringify(exampleRequest());
  const json = { 'content-type': 'application/json' };
  const go = { ...json, 'user-agent': 'huaweicloud-usdk-go/3.0' };
  const python = { ...json, 'user-agent': 'huaweicloud-usdk-python/3.0' };
  const java = { ...json, 'user-agent': 'huaweicloud-usdk-java/3.0' };

  it('accepts each SDK’s signed-header set, and refuses a date, project or security token sent unsigned', async () => {
    const accepted: [string, Awaited<ReturnType<typeof sendSigned>>][] = [
      // Go: every header it set itself except content-type; host is added later by net/http, unsigned.
      ['go', await sendSigned('POST', CHECKPOINTS_PATH, go, ['user-agent', 'x-project-id', 'x-sdk-date'], body)],
      [
        'go, temporary keys',
        await sendSigned(
          'POST',
          CHECKPOINTS_PATH,
          { ...go, 'x-security-token': SECURITY_TOKEN },
          ['user-agent', 'x-project-id', 'x-sdk-date', 'x-security-token'],
          body,
        ),
      ],
      [
        'python',
        await sendSigned('POST', CHECKPOINTS_PATH, python, ['host', 'user-agent', 'x-project-id', 'x-sdk-date'], body),
      ],
      [
        'java',
        await sendSigned(
          'POST',
          CHECKPOINTS_PATH,
          java,
          ['content-type', 'host', 'user-agent', 'x-project-id', 'x-sdk-date'],
          body,
        ),
      ],
    ];
    // The official Node core, with its own signer.
    const url = `${server.url}${CHECKPOINTS_PATH}`;
    const nodeCore = AKSKSigner.sign(
      {
        endpoint: url,
        method: 'POST',
        queryParams: {},
        headers: { ...json, 'X-Project-Id': PROJECT_ID },
        data: exampleRequest(),
      },
      { getAk: () => AK, getSk: () => SK },
    );
    expect(nodeCore.Authorization).toContain('SignedHeaders=content-type;host;x-project-id;x-sdk-date,');
    const { host: _sentByFetch, ...nodeHeaders } = nodeCore;
    accepted.push(['node core', await call(server, 'POST', CHECKPOINTS_PATH, { body, headers: nodeHeaders })]);
    for (const [shape, reply] of accepted) {
      expect(reply.status, `${shape}: ${reply.text}`).toBe(200);
      const created = expectCheckpoint(reply);
      server.store.reset();
      expect(created.id, shape).toBeTruthy();
    }
    // A GET as Go sends it: no body, no content-type.
    const made = expectCheckpoint(
      await sendSigned('POST', CHECKPOINTS_PATH, go, ['user-agent', 'x-project-id', 'x-sdk-date'], body),
    );
    expectCheckpoint(
      await sendSigned('GET', `${CHECKPOINTS_PATH}/${made.id}`, { 'user-agent': go['user-agent'] }, [
        'user-agent',
        'x-project-id',
        'x-sdk-date',
      ]),
    );

    // What a signature must cover when it is sent: the date, the project, the security token.
    const refused: [RegExp, Awaited<ReturnType<typeof sendSigned>>][] = [
      [
        /X-Sdk-Date is not signed/,
        await sendSigned('POST', CHECKPOINTS_PATH, go, ['user-agent', 'x-project-id'], body),
      ],
      [
        /X-Project-Id is sent but not signed/,
        await sendSigned('POST', CHECKPOINTS_PATH, go, ['host', 'x-sdk-date'], body),
      ],
      [
        /X-Security-Token is sent but not signed/,
        await sendSigned(
          'POST',
          CHECKPOINTS_PATH,
          { ...go, 'x-security-token': SECURITY_TOKEN },
          ['user-agent', 'x-project-id', 'x-sdk-date'],
          body,
        ),
      ],
      // A signed header that is not sent cannot be checked.
      [
        /signature does not match/,
        await sendSigned(
          'POST',
          CHECKPOINTS_PATH,
          go,
          ['user-agent', 'x-domain-id', 'x-project-id', 'x-sdk-date'],
          body,
        ),
      ],
    ];
    for (const [reason, reply] of refused) {
      expect(expectError(reply, 401, 'APIGW.0301')).toMatch(reason);
      expect(reply.text).not.toContain(SECURITY_TOKEN);
    }
  });
});
