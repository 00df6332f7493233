// `iamTokenSize`: the mock's IAM issues tokens of exactly that length (Huawei documents X-Auth-Token values of up
// to 100 000 characters), its CBR routes accept them whole and refuse one cut short on the way.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, SEED_PROJECT_ID, startMockServer } from '../src/index.js';
import { exampleRequest } from './helpers.js';

const USER = { domainName: 'acme-prod', userName: 'backup-bot', password: 'Pa55-word-of-the-mock' };
const SIZE = 100_000;

/** One request with node:http, allowing a head as large as the mock's (fetch stops at 16 KiB). */
function send(mock: MockServer, method: string, path: string, headers: Record<string, string>, body: unknown) {
  return new Promise<{ status: number; headers: Record<string, unknown>; text: string }>((resolve, reject) => {
    const req = request(
      `${mock.url}${path}`,
      { method, headers: { 'content-type': 'application/json', ...headers }, maxHeaderSize: 128 * 1024 },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const tokenBody = {
  auth: {
    identity: {
      methods: ['password'],
      password: { user: { name: USER.userName, password: USER.password, domain: { name: USER.domainName } } },
    },
    scope: { project: { name: 'cn-north-4' } },
  },
};

describe('iamTokenSize', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer({ availableAfterMs: 0, iamUsers: [USER], iamTokenSize: SIZE });
  });
  afterAll(() => mock.close());

  it(`issues ${SIZE}-character tokens that CBR routes accept whole, and refuses one cut short`, async () => {
    const issued = await send(mock, 'POST', '/v3/auth/tokens?nocatalog=true', {}, tokenBody);
    expect(issued.status, issued.text).toBe(201);
    const token = String(issued.headers['x-subject-token']);
    expect(token).toHaveLength(SIZE);
    expect(token).toMatch(/^MII[A-Za-z0-9+/=]+-[A-Za-z0-9+/=]+-[A-Za-z0-9+/=]+$/);

    const path = `/v3/${SEED_PROJECT_ID}/checkpoints`;
    const created = await send(mock, 'POST', path, { 'x-auth-token': token }, exampleRequest());
    expect(created.status, created.text).toBe(200);
    const cut = await send(mock, 'POST', path, { 'x-auth-token': token.slice(0, SIZE - 1) }, exampleRequest());
    expect(cut.status).toBe(401);
    expect(mock.createdCount).toBe(1);
  });

  it.each([10, 1023, 120_001, 1.5])('refuses a size of %s, naming the option', async (size) => {
    await expect(startMockServer({ iamTokenSize: size })).rejects.toThrow(
      /^iamTokenSize must be an integer from 1024 to 120000 \(characters\)/,
    );
  });
});
