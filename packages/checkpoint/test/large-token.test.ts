// A 100 000-character IAM token (Huawei documents X-Auth-Token values that large; tokens grow with a user's
// roles) read from IAM's X-Subject-Token and sent to CBR, end to end against the mock: by the node:http
// transport, and by the SDK's own axios behind an HTTP proxy. Node's default limit for a head is 16 KiB.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type MockServer, startMockServer } from '@cbr-sdk/mock-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CbrClient, type PasswordCredentials } from '../src/index.js';
import { seedParams } from './support/fixtures.js';

const USER: PasswordCredentials = { domainName: 'acme-prod', userName: 'backup-bot', password: 'S3cret-pa55word!' };
const SIZE = 100_000;

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ availableAfterMs: 0, iamUsers: [USER], iamTokenSize: SIZE });
});
afterAll(() => mock.close());
afterEach(() => mock.reset());

const client = () =>
  new CbrClient({ region: 'cn-north-4', endpoint: mock.url, iamEndpoint: mock.url, credentials: USER, maxRetries: 0 });

/** Creates a restore point and reads it back with one token; the mock refuses any token not exactly SIZE long. */
async function roundTrip() {
  const cbr = client();
  const created = await cbr.checkpoints.create(seedParams());
  expect((await cbr.checkpoints.get(created.id)).status).toBe('available');
  expect(mock.iam.issuedCount).toBe(1);
  expect(mock.requests.map((r) => [r.operation, r.status])).toEqual([
    ['keystoneCreateUserTokenByPassword', 201],
    ['createCheckpoint', 200],
    ['showCheckpoint', 200],
  ]);
  expect(mock.requests.slice(1).every((r) => r.hasToken)).toBe(true);
}

describe(`a ${SIZE}-character IAM token`, () => {
  it('goes from IAM to CBR through the node:http transport', async () => {
    await roundTrip();
  });

  describe('through the SDK’s own axios (an HTTP proxy is configured)', () => {
    let proxy: Server;
    let forwarded = 0;
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
    beforeAll(async () => {
      // A forwarding proxy with room for the head: it passes each request on and the answer back.
      proxy = createServer({ maxHeaderSize: 128 * 1024 }, (req, res) => {
        forwarded += 1;
        const upstream = request(
          req.url ?? '',
          { method: req.method, headers: req.headers, maxHeaderSize: 128 * 1024 },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on('error', () => res.destroy());
        req.pipe(upstream);
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      process.env.HTTP_PROXY = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      delete process.env.NO_PROXY;
    });
    afterAll(async () => {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    });

    it('goes from IAM to CBR', async () => {
      await roundTrip();
      expect(forwarded).toBe(3);
    });
  });
});
