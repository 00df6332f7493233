// Requests that break the spec: each rule of VaultBackupReq, path parameters, content types, bodies that
// are not JSON, unknown routes and methods. Each gets a Huawei error body and creates nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/index.js';
import { CHECKPOINTS_PATH, call, create, exampleRequest, expectCheckpoint, expectError, TOKEN } from './helpers.js';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ availableAfterMs: 0 });
});
afterEach(() => {
  expect(server.createdCount).toBe(0);
  server.reset();
});
afterAll(() => server.close());

type Body = ReturnType<typeof exampleRequest>;
const RULES: [string, (body: Body) => void, RegExp][] = [
  [
    '65-character name',
    (b) => {
      b.checkpoint.parameters.name = 'n'.repeat(65);
    },
    /^checkpoint\.parameters\.name must be at most 64 characters long \(maxLength\)$/,
  ],
  [
    'empty name',
    (b) => {
      b.checkpoint.parameters.name = '';
    },
    /^checkpoint\.parameters\.name must be at least 1 character long \(minLength\)$/,
  ],
  [
    '256-character description',
    (b) => {
      b.checkpoint.parameters.description = 'd'.repeat(256);
    },
    /^checkpoint\.parameters\.description must be at most 255 characters long \(maxLength\)$/,
  ],
  [
    'missing vault_id',
    (b) => {
      delete b.checkpoint.vault_id;
    },
    /^checkpoint\.vault_id is required \(required\)$/,
  ],
  [
    'resource without id',
    (b) => {
      b.checkpoint.parameters.resource_details = [{ type: 'OS::Nova::Server' }];
    },
    /^checkpoint\.parameters\.resource_details\[0\]\.id is required \(required\)$/,
  ],
  [
    'unknown resource type',
    (b) => {
      b.checkpoint.parameters.resource_details = [{ id: 'x', type: 'OS::Nova::Toaster' }];
    },
    /^checkpoint\.parameters\.resource_details\[0\]\.type must be one of "OS::Nova::Server", .* \(enum\)$/,
  ],
  [
    'non-boolean incremental',
    (b) => {
      b.checkpoint.parameters.incremental = 'yes';
    },
    /^checkpoint\.parameters\.incremental must be of type boolean \(type\)$/,
  ],
  [
    'non-string resource id',
    (b) => {
      b.checkpoint.parameters.resources = [42];
    },
    /^checkpoint\.parameters\.resources\[0\] must be of type string \(type\)$/,
  ],
];

describe('the request body is checked against VaultBackupReq', () => {
  it.each(RULES)('%s → 400 BackupService.9900 naming the field and rule', async (_, breakIt, message) => {
    const body = exampleRequest();
    breakIt(body);
    expect(expectError(await create(server, body), 400, 'BackupService.9900')).toMatch(message);
  });

  it('lists every broken rule at once', async () => {
    const body = exampleRequest();
    body.checkpoint.parameters.name = '';
    body.checkpoint.parameters.auto_trigger = 1;
    delete body.checkpoint.vault_id;
    const message = expectError(await create(server, body), 400, 'BackupService.9900');
    expect(message.split('; ').sort()).toEqual([
      'checkpoint.parameters.auto_trigger must be of type boolean (type)',
      'checkpoint.parameters.name must be at least 1 character long (minLength)',
      'checkpoint.vault_id is required (required)',
    ]);
  });

  it.each([
    ['no checkpoint', {}, /^checkpoint is required \(required\)$/],
    ['an array', [], /must be of type object/],
    ['null', null, /must be of type object/],
  ])('refuses a body that is %s', async (_, body, message) => {
    expect(expectError(await create(server, body), 400, 'BackupService.9900')).toMatch(message);
  });

  it('accepts the limits themselves (64-character name, 255-character description, empty description)', async () => {
    const body = exampleRequest();
    body.checkpoint.parameters.name = 'n'.repeat(64);
    body.checkpoint.parameters.description = 'd'.repeat(255);
    expectCheckpoint(await create(server, body));
    server.store.reset();
    body.checkpoint.parameters.description = '';
    expectCheckpoint(await create(server, body));
    server.store.reset();
  });
});

describe('content type and JSON', () => {
  const valid = JSON.stringify(exampleRequest());

  it.each([
    ['missing', {}],
    ['text/plain', { 'Content-Type': 'text/plain' }],
    ['form', { 'Content-Type': 'application/x-www-form-urlencoded' }],
    ['a JSON look-alike', { 'Content-Type': 'application/jsonp' }],
  ])('refuses a %s content type with 400', async (_, type) => {
    const reply = await call(server, 'POST', CHECKPOINTS_PATH, {
      body: new TextEncoder().encode(valid),
      headers: { 'X-Auth-Token': TOKEN, ...type },
    });
    expect(expectError(reply, 400, 'BackupService.9900')).toMatch(/Content-Type must be application\/json/);
  });

  it('accepts application/json with parameters, in any case', async () => {
    const reply = await call(server, 'POST', CHECKPOINTS_PATH, {
      body: valid,
      headers: { 'X-Auth-Token': TOKEN, 'Content-Type': 'Application/JSON; charset=utf-8' },
    });
    expectCheckpoint(reply);
    server.store.reset();
  });

  it.each([
    ['truncated', valid.slice(0, 40)],
    ['empty', ''],
    ['not JSON at all', 'vault_id=3b5816b5'],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
  ])('refuses a %s body with 400', async (_, body) => {
    const reply = await call(server, 'POST', CHECKPOINTS_PATH, {
      body: typeof body === 'string' ? body : new Uint8Array(body),
      headers: { 'X-Auth-Token': TOKEN, 'Content-Type': 'application/json' },
    });
    expect(expectError(reply, 400, 'BackupService.9900')).toBe('The request body is not valid JSON');
  });
});

describe('routes and path parameters', () => {
  it.each([
    ['GET', '/'],
    ['GET', '/v3/p/checkpoint'],
    ['GET', '/v3/p/checkpoints/a/b'],
    ['POST', '/v2/p/checkpoints'],
    ['GET', '/v3/p/backups/x/y'],
    ['GET', '/v3/p/backup'],
  ])('%s %s → 404 with a JSON error', async (method, path) => {
    expect(expectError(await call(server, method, path), 404, 'APIGW.0101')).toMatch(/does not exist/);
  });

  it.each([
    ['GET', CHECKPOINTS_PATH, 'POST'],
    ['PUT', CHECKPOINTS_PATH, 'POST'],
    ['DELETE', `${CHECKPOINTS_PATH}/abc`, 'GET'],
    ['POST', `${CHECKPOINTS_PATH}/abc`, 'GET'],
  ])('%s %s → 405 with Allow: %s', async (method, path, allow) => {
    const reply = await call(server, method, path);
    expectError(reply, 405, 'APIGW.0101');
    expect(reply.headers.get('allow')).toBe(allow);
  });

  it('checks path parameters with the spec (an empty project id breaks minLength)', async () => {
    const reply = await call(server, 'POST', '/v3//checkpoints', { body: exampleRequest() });
    expect(expectError(reply, 400, 'BackupService.9900')).toBe(
      'project_id must be at least 1 character long (minLength)',
    );
    const badGet = await call(server, 'GET', '/v3/p/checkpoints/');
    expect(expectError(badGet, 400, 'BackupService.9900')).toBe(
      'checkpoint_id must be at least 1 character long (minLength)',
    );
  });

  it('refuses a path segment that is not valid percent-encoding', async () => {
    const reply = await call(server, 'GET', '/v3/p/checkpoints/%E0%A4%A');
    expect(expectError(reply, 400, 'BackupService.9900')).toMatch(/checkpoint_id is not a valid percent-encoded/);
  });

  it('decodes percent-encoded ids, and ignores the query string', async () => {
    const created = expectCheckpoint(
      await call(server, 'POST', '/v3/proj%2Fect/checkpoints?x=1', { body: exampleRequest() }),
    );
    expect(created.project_id).toBe('proj/ect');
    expectCheckpoint(await call(server, 'GET', `/v3/proj%2Fect/checkpoints/${created.id}`));
    server.store.reset();
  });
});
