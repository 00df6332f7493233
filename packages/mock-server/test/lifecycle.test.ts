// Creating and reading restore points: the seed's example, the protecting → available lifecycle, which
// resources are backed up or skipped, and the errors of CBR (6105, 0001, 404).
import {
  CheckpointsApi,
  Configuration,
  CREATE_CHECKPOINT_RESPONSE_EXAMPLE,
  checkSchema,
  type VaultBackupReq,
} from '@cbr-sdk/checkpoint-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/index.js';
import {
  create,
  exampleRequest,
  expectCheckpoint,
  expectError,
  manualClock,
  PROJECT_ID,
  SERVER_ID,
  show,
  TOKEN,
  VAULT_ID,
} from './helpers.js';

const clock = manualClock();
const VOLUME = { id: 'c9b0b4a2-1111-4e0f-9d36-000000000001', name: 'evs-data', type: 'OS::Cinder::Volume' };
const OTHER_VAULT_SERVER = { id: 'e2a1c3d4-2222-4b5c-8d9e-000000000002', name: 'ecs-other', type: 'OS::Nova::Server' };
let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({
    availableAfterMs: 5000,
    now: clock.now,
    vaults: [
      {
        id: VAULT_ID,
        name: 'vault-be94',
        resources: [
          { id: SERVER_ID, name: 'ecs-1f0f-0002', type: 'OS::Nova::Server', resource_size: '40' },
          { ...VOLUME, resource_size: '100' },
        ],
      },
      { id: 'f00dbabe-0000-4000-8000-000000000003', name: 'vault-other', resources: [OTHER_VAULT_SERVER] },
    ],
  });
});
afterEach(() => server.reset());
afterAll(() => server.close());

describe("the seed's example", () => {
  it("answers the example request with the example response's shape and values", async () => {
    const reply = await create(server);
    const checkpoint = expectCheckpoint(reply);

    // Same keys in the same order, same values, except what is the server's to choose (and the
    // resource's protect_status, which here follows the restore point: it is being backed up).
    const expected = structuredClone(CREATE_CHECKPOINT_RESPONSE_EXAMPLE) as unknown as typeof reply.json;
    expected.checkpoint.id = checkpoint.id;
    expected.checkpoint.created_at = checkpoint.created_at;
    expected.checkpoint.project_id = PROJECT_ID;
    expected.checkpoint.vault.resources[0].protect_status = 'protecting';
    expect(reply.text).toBe(JSON.stringify(expected));

    expect(checkpoint.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(checkpoint.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/);
    expect(checkpoint.created_at.startsWith('2026-01-02T03:04:05.678')).toBe(true);
    expect(reply.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(server.createdCount).toBe(1);
  });

  it('works through the generated CheckpointsApi, typed', async () => {
    const api = new CheckpointsApi(new Configuration({ basePath: server.url, apiKey: TOKEN }));
    const created = await api.createCheckpoint(PROJECT_ID, exampleRequest() as unknown as VaultBackupReq);
    expect(created.status).toBe(200);
    expect(checkSchema('CheckpointCreateResp', created.data)).toEqual([]);
    expect(created.data.checkpoint.vault?.resources?.[0]?.resource_size).toBe('40');

    const shown = await api.showCheckpoint(PROJECT_ID, created.data.checkpoint.id);
    expect(checkSchema('CheckpointCreateResp', shown.data)).toEqual([]);
    expect(shown.data.checkpoint.id).toBe(created.data.checkpoint.id);
    expect(shown.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(server.requests.map((r) => r.operation)).toEqual(['createCheckpoint', 'showCheckpoint']);
  });
});

describe('lifecycle', () => {
  it('goes from protecting to available after availableAfterMs, resources with it', async () => {
    const created = expectCheckpoint(await create(server));
    expect(created.status).toBe('protecting');

    clock.advance(4999);
    const during = expectCheckpoint(await show(server, created.id));
    expect(during.status).toBe('protecting');
    expect(during.vault.resources[0].protect_status).toBe('protecting');

    clock.advance(1);
    const after = expectCheckpoint(await show(server, created.id));
    expect(after.status).toBe('available');
    expect(after.vault.resources[0].protect_status).toBe('available');
    // Everything else is the restore point as created.
    expect({ ...after, status: 'x', vault: { ...after.vault, resources: [] } }).toEqual({
      ...created,
      status: 'x',
      vault: { ...created.vault, resources: [] },
    });
  });

  it('reports a status pinned by the test, even one the spec does not know', async () => {
    const created = expectCheckpoint(await create(server));
    server.store.setStatus(created.id, 'error');
    const failed = expectCheckpoint(await show(server, created.id));
    expect(failed.status).toBe('error');
    expect(failed.vault.resources[0].protect_status).toBe('error');

    server.store.setStatus(created.id, 'frozen');
    expect(expectCheckpoint(await show(server, created.id)).status).toBe('frozen');
  });

  it('echoes name and description into extra_info, and names an unnamed backup itself', async () => {
    const named = exampleRequest();
    named.checkpoint.parameters = { name: 'nightly-01', description: 'before the upgrade' };
    const withName = expectCheckpoint(await create(server, named));
    expect(withName.extra_info).toEqual({
      retention_duration: -1,
      name: 'nightly-01',
      description: 'before the upgrade',
    });

    clock.advance(5000);
    const unnamed = expectCheckpoint(await create(server, { checkpoint: { vault_id: VAULT_ID } }));
    expect(unnamed.extra_info.name).toMatch(/^manualbk_[0-9a-f]{4}$/);
    expect(unnamed.extra_info.description).toBe('');
    clock.advance(5000);
  });

  it("uses the path's project id, and hides a restore point from other projects", async () => {
    const reply = await create(server, exampleRequest());
    const created = expectCheckpoint(reply);
    expect(created.project_id).toBe(PROJECT_ID);
    expectError(await show(server, created.id, 'another-project'), 404, 'BackupService.6404');
    clock.advance(5000);
  });
});

describe('which resources are backed up', () => {
  afterEach(() => clock.advance(5000)); // let every restore point finish, so none holds a resource

  it('backs up the whole vault when no resource is named', async () => {
    const checkpoint = expectCheckpoint(await create(server, { checkpoint: { vault_id: VAULT_ID } }));
    expect(checkpoint.vault.resources.map((r: { id: string }) => r.id)).toEqual([SERVER_ID, VOLUME.id]);
    expect(checkpoint.vault.resources[1].resource_size).toBe('100');
    expect(checkpoint.vault.skipped_resources).toEqual([]);
  });

  it('takes resource_details as well as resources', async () => {
    const body = {
      checkpoint: {
        vault_id: VAULT_ID,
        parameters: { resource_details: [{ id: VOLUME.id, type: 'OS::Cinder::Volume', name: 'evs-data' }] },
      },
    };
    const checkpoint = expectCheckpoint(await create(server, body));
    expect(checkpoint.vault.resources).toEqual([
      {
        name: 'evs-data',
        resource_size: '100',
        protect_status: 'protecting',
        type: 'OS::Cinder::Volume',
        id: VOLUME.id,
        extra_info: null,
      },
    ]);
  });

  it('skips resources it cannot back up, each with a CBR code and a reason', async () => {
    const body = {
      checkpoint: {
        vault_id: VAULT_ID,
        parameters: {
          resources: [SERVER_ID, 'not-a-resource', OTHER_VAULT_SERVER.id, SERVER_ID],
          resource_details: [{ id: VOLUME.id, type: 'OS::Nova::Server' }],
        },
      },
    };
    const checkpoint = expectCheckpoint(await create(server, body));
    expect(checkpoint.vault.resources.map((r: { id: string }) => r.id)).toEqual([SERVER_ID]);
    const skipped = checkpoint.vault.skipped_resources as { id: string; code: string; reason: string }[];
    expect(skipped.map(({ id, code }) => [id, code])).toEqual([
      ['not-a-resource', 'BackupService.6102'],
      [OTHER_VAULT_SERVER.id, 'BackupService.6103'],
      [SERVER_ID, 'BackupService.6104'],
      [VOLUME.id, 'BackupService.6102'],
    ]);
    for (const entry of skipped) expect(entry.reason).not.toBe('');
  });

  it('skips a resource still being backed up (2002), and answers 0001 when nothing is left', async () => {
    expectCheckpoint(await create(server, exampleRequest()));

    const both = { checkpoint: { vault_id: VAULT_ID, parameters: { resources: [SERVER_ID, VOLUME.id] } } };
    const second = expectCheckpoint(await create(server, both));
    expect(second.vault.resources.map((r: { id: string }) => r.id)).toEqual([VOLUME.id]);
    expect(second.vault.skipped_resources).toEqual([
      {
        id: SERVER_ID,
        type: 'OS::Nova::Server',
        name: 'ecs-1f0f-0002',
        code: 'BackupService.2002',
        reason: 'Resource is being backed up',
      },
    ]);

    expectError(await create(server, both), 400, 'BackupService.0001');
    expect(server.createdCount).toBe(2);

    clock.advance(5000); // both restore points are available: the resources are free again
    expectCheckpoint(await create(server, both));
    expect(server.createdCount).toBe(3);
  });

  it('answers 0001 when every named resource is foreign', async () => {
    const body = { checkpoint: { vault_id: VAULT_ID, parameters: { resources: ['nope'] } } };
    expect(expectError(await create(server, body), 400, 'BackupService.0001')).toMatch(/no resource/i);
    expect(server.createdCount).toBe(0);
  });
});

describe('errors', () => {
  it('answers 400 BackupService.6105 for an unknown vault, creating nothing', async () => {
    const body = exampleRequest();
    body.checkpoint.vault_id = '00000000-0000-4000-8000-000000000000';
    expect(expectError(await create(server, body), 400, 'BackupService.6105')).toBe('Vault Not Found');
    expect(server.createdCount).toBe(0);
  });

  it('answers 404 for an unknown restore point', async () => {
    const message = expectError(await show(server, '8b0851a8-adf3-4f4c-a914-dead08bf9664'), 404, 'BackupService.6404');
    expect(message).toMatch(/not found/i);
  });

  it('sees vaults added by a test', async () => {
    server.store.vaults.set('v-new', {
      id: 'v-new',
      name: 'added',
      resources: [{ id: 'r1', name: 'disk', type: 'OS::Cinder::Volume' }],
    });
    const checkpoint = expectCheckpoint(await create(server, { checkpoint: { vault_id: 'v-new' } }));
    expect(checkpoint.vault).toMatchObject({
      id: 'v-new',
      name: 'added',
      resources: [{ id: 'r1', resource_size: '40' }],
    });
    server.store.vaults.delete('v-new');
  });
});
