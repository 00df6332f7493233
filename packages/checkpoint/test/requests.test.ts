// create and get over real HTTP: what goes on the wire, what comes back, and that bad input never leaves.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CbrClient, CbrValidationError, type VaultBackup } from '../src/index.js';
import { PROJECT_ID, seedParams, seedResponse, TOKEN } from './support/fixtures.js';
import { json, type ScriptedServer, startScriptedServer } from './support/scripted-server.js';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(() => json(200, seedResponse()));
});
afterAll(() => server.close());
beforeEach(() => server.reset(() => json(200, seedResponse(), { 'x-request-id': 'req-42' })));

const client = (extra: Partial<ConstructorParameters<typeof CbrClient>[0]> = {}) =>
  new CbrClient({ endpoint: server.url, projectId: PROJECT_ID, credentials: { token: TOKEN }, ...extra });

describe('create', () => {
  it("sends the seed page's example exactly as given, inside the checkpoint envelope", async () => {
    const params = seedParams();
    const checkpoint = await client().checkpoints.create(params);

    expect(server.received).toHaveLength(1);
    const [request] = server.received;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(`/v3/${PROJECT_ID}/checkpoints`);
    expect(request?.headers['x-auth-token']).toBe(TOKEN);
    expect(request?.headers['content-type']).toMatch(/^application\/json/);
    expect(request?.body).toBe(JSON.stringify({ checkpoint: params }));
    expect(checkpoint).toStrictEqual(seedResponse().checkpoint);
  });

  it('adds no defaults and keeps the caller’s key order', async () => {
    const params = { vault_id: 'v-1', parameters: { name: 'n', incremental: false } } satisfies VaultBackup;
    await client().checkpoints.create(params);
    expect(server.received[0]?.body).toBe(
      '{"checkpoint":{"vault_id":"v-1","parameters":{"name":"n","incremental":false}}}',
    );
  });

  it('announces the SDK (and the caller) in the User-Agent', async () => {
    await client({ userAgent: 'backup-bot/2.0' }).checkpoints.create(seedParams());
    expect(server.received[0]?.headers['user-agent']).toMatch(
      /^cbr-sdk-typescript\/\d+\.\d+\.\d+\S* node\/\S+ backup-bot\/2\.0$/,
    );
  });

  it('calls a token function once per request', async () => {
    let calls = 0;
    const cbr = client({ credentials: { token: async () => `token-${++calls}` } });
    await cbr.checkpoints.create(seedParams());
    await cbr.checkpoints.get('cp-1');
    expect(server.received.map((r) => r.headers['x-auth-token'])).toEqual(['token-1', 'token-2']);
  });

  it('reports a token function that fails or returns nothing, without sending', async () => {
    await expect(client({ credentials: { token: () => '' } }).checkpoints.create(seedParams())).rejects.toThrow(
      /token function returned no token/,
    );
    await expect(
      client({
        credentials: {
          token: () => {
            throw new Error('vault unreachable');
          },
        },
      }).checkpoints.create(seedParams()),
    ).rejects.toThrow(/token function failed: vault unreachable/);
    expect(server.received).toHaveLength(0);
  });
});

describe('create refuses input that breaks the spec, sending nothing', () => {
  const name = (value: string) => ({ vault_id: 'v', parameters: { name: value } });
  it.each([
    ['a 65-character name', name('x'.repeat(65)), 'parameters.name', 'maxLength'],
    ['an empty name', name(''), 'parameters.name', 'minLength'],
    [
      'a 256-character description',
      { vault_id: 'v', parameters: { description: 'd'.repeat(256) } },
      'parameters.description',
      'maxLength',
    ],
    ['a missing vault_id', { parameters: { name: 'n' } }, 'vault_id', 'required'],
    [
      'a resource without id',
      { vault_id: 'v', parameters: { resource_details: [{ type: 'OS::Nova::Server' }] } },
      'parameters.resource_details[0].id',
      'required',
    ],
    [
      'an unknown resource type',
      { vault_id: 'v', parameters: { resource_details: [{ id: 'r', type: 'OS::Nova::Volume' }] } },
      'parameters.resource_details[0].type',
      'enum',
    ],
    [
      'a non-boolean incremental',
      { vault_id: 'v', parameters: { incremental: 'yes' } },
      'parameters.incremental',
      'type',
    ],
    ['a numeric vault_id', { vault_id: 7 }, 'vault_id', 'type'],
    ['no object at all', null, '', 'type'],
  ])('%s', async (_case, params, path, rule) => {
    const error = await client()
      .checkpoints.create(params as unknown as VaultBackup)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CbrValidationError);
    const { issues, message } = error as CbrValidationError;
    expect(issues).toContainEqual(expect.objectContaining({ path, rule }));
    expect(message).toContain(`${path ? `${path} ` : ''}`);
    expect(message).toContain(`(${rule})`);
    expect(server.received).toHaveLength(0);
  });

  it('lists every problem in one error', async () => {
    const error = (await client()
      .checkpoints.create({ parameters: { name: '', incremental: 1 } } as unknown as VaultBackup)
      .catch((e: unknown) => e)) as CbrValidationError;
    expect(error.issues.map((i) => i.path).sort()).toEqual(['parameters.incremental', 'parameters.name', 'vault_id']);
  });
});

describe('get', () => {
  it('GETs the restore point and returns it', async () => {
    const checkpoint = await client().checkpoints.get('8b0851a8-adf3-4f4c-a914-dead08bf9664');
    expect(server.received[0]?.method).toBe('GET');
    expect(server.received[0]?.path).toBe(`/v3/${PROJECT_ID}/checkpoints/8b0851a8-adf3-4f4c-a914-dead08bf9664`);
    expect(server.received[0]?.headers['x-auth-token']).toBe(TOKEN);
    expect(checkpoint.id).toBe('8b0851a8-adf3-4f4c-a914-dead08bf9664');
  });

  it('encodes an id so it stays one path segment', async () => {
    await client().checkpoints.get("a/../b?c#d'");
    expect(server.received[0]?.path).toBe(`/v3/${PROJECT_ID}/checkpoints/a%2F..%2Fb%3Fc%23d%27`);
  });

  it.each([[''], ['.'], ['..'], ['a\uD800b'], ['\uDFFF'], [undefined], [12]])(
    'refuses the id %j, naming checkpointId, sending nothing',
    async (id) => {
      await expect(client().checkpoints.get(id as string)).rejects.toThrow(/checkpointId/);
      await expect(client().checkpoints.get(id as string)).rejects.toBeInstanceOf(CbrValidationError);
      expect(server.received).toHaveLength(0);
    },
  );

  it('accepts a status the spec does not know yet', async () => {
    server.reset(() => json(200, seedResponse({ status: 'archiving' })));
    expect((await client().checkpoints.get('cp')).status).toBe('archiving');
  });
});
