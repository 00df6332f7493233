// The generated CheckpointsApi over real HTTP on 127.0.0.1: what goes on the wire, and what comes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckpointsApi, Configuration, percentEncode, RequiredError, type VaultBackupReq } from '../src/index.js';
import { type RecordedRequest, startRecordingServer } from './recording-server.js';
import { seed } from './seed.js';

const TOKEN = 'token-for-the-test';
let server: Awaited<ReturnType<typeof startRecordingServer>>;
let api: CheckpointsApi;

beforeAll(async () => {
  server = await startRecordingServer((request) =>
    request.method === 'POST' || request.rawPath.endsWith('/checkpoints/8b0851a8-adf3-4f4c-a914-dead08bf9664')
      ? { status: 200, body: seed.response, headers: { 'x-request-id': 'req-1' } }
      : { status: 200, body: seed.response },
  );
  api = new CheckpointsApi(new Configuration({ basePath: server.url, apiKey: TOKEN }));
});
afterAll(() => server.close());

const last = (): RecordedRequest => server.requests.at(-1) as RecordedRequest;

describe('createCheckpoint', () => {
  it("sends the seed's example request exactly, with the token and a JSON content type", async () => {
    const response = await api.createCheckpoint(seed.projectId, seed.request as unknown as VaultBackupReq);

    const request = last();
    expect(request.method).toBe('POST');
    expect(request.rawPath).toBe(seed.requestPath);
    expect(request.rawPath).toBe('/v3/f841e01fd2b14e7fa41b6ae7aa6b0594/checkpoints');
    expect(request.headers['x-auth-token']).toBe(TOKEN);
    expect(request.headers['content-type']).toMatch(/^application\/json\b/);
    expect(request.headers.accept).toMatch(/application\/json/);
    // The same JSON document, with the same key order: nothing added, dropped, defaulted or reordered.
    expect(request.body.toString('utf8')).toBe(JSON.stringify(seed.request));

    expect(response.status).toBe(200);
    expect(response.headers['x-request-id']).toBe('req-1');
    expect(response.data).toStrictEqual(seed.response);
    // Typed access compiles and reads the right values.
    expect(response.data.checkpoint.vault?.resources?.[0]?.resource_size).toBe('40');
    expect(response.data.checkpoint.extra_info?.retention_duration).toBe(-1);
  });

  it('refuses a missing body before sending anything', async () => {
    const before = server.requests.length;
    await expect(api.createCheckpoint(seed.projectId, undefined as unknown as VaultBackupReq)).rejects.toBeInstanceOf(
      RequiredError,
    );
    expect(server.requests.length).toBe(before);
  });
});

describe('showCheckpoint', () => {
  it('GETs the restore point with the token and returns it typed', async () => {
    const response = await api.showCheckpoint(seed.projectId, '8b0851a8-adf3-4f4c-a914-dead08bf9664');
    const request = last();
    expect(request.method).toBe('GET');
    expect(request.rawPath).toBe(
      '/v3/f841e01fd2b14e7fa41b6ae7aa6b0594/checkpoints/8b0851a8-adf3-4f4c-a914-dead08bf9664',
    );
    expect(request.headers['x-auth-token']).toBe(TOKEN);
    expect(request.body.length).toBe(0);
    expect(response.data.checkpoint.status).toBe('protecting');
    expect(response.data).toStrictEqual(seed.response);
  });
});

describe('path parameters cannot change the request path', () => {
  const hostile = ['a/b', '../x', 'a/../../b', 'x?admin=1', 'x#frag', '%2e%2e', 'a b', 'ü', "it's(*)!"];

  it.each(hostile)('project id %j stays one path segment', async (projectId) => {
    await api.showCheckpoint(projectId, 'cp');
    expect(last().rawPath).toBe(`/v3/${percentEncode(projectId)}/checkpoints/cp`);
  });

  it.each(hostile)('checkpoint id %j stays one path segment', async (checkpointId) => {
    await api.showCheckpoint('p', checkpointId);
    expect(last().rawPath).toBe(`/v3/p/checkpoints/${percentEncode(checkpointId)}`);
  });

  it.each(['.', '..', '', 'a\uD800', '\uDC00b'])(
    '%j, which a URL would resolve as a dot segment, drop or not encode, is refused unsent',
    async (id) => {
      const before = server.requests.length;
      await expect(api.showCheckpoint(id, 'cp')).rejects.toBeInstanceOf(RequiredError);
      await expect(api.showCheckpoint('p', id)).rejects.toBeInstanceOf(RequiredError);
      await expect(api.createCheckpoint(id, seed.request as unknown as VaultBackupReq)).rejects.toThrow(/projectId/);
      expect(server.requests.length).toBe(before);
    },
  );
});
