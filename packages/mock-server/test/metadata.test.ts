// The mock's ECS metadata service over real HTTP: the session-token step and its three modes, the temporary
// key in the official shape (expires_at with six fractional digits), a server without an agency, session
// tokens that expire or are revoked, the count of fetches, and no session token in what the mock records.
import { checkCredentialSourceSchema, METADATA_NO_AGENCY_MESSAGE } from '@cbr-sdk/checkpoint-api/credential-sources';
import { afterAll, describe, expect, it } from 'vitest';
import { type MetadataOptions, type MockServer, REDACTED, SEED_PROJECT_ID, startMockServer } from '../src/index.js';
import { call, expectCheckpoint, manualClock } from './helpers.js';
import { createSignedWith } from './temporary-key-helpers.js';

const TOKEN_PATH = '/meta-data/latest/api/token';
const KEY_PATH = '/openstack/latest/securitykey';
const servers: MockServer[] = [];
afterAll(() => Promise.all(servers.map((server) => server.close())));

async function start(metadata: MetadataOptions | undefined, clock = manualClock()) {
  const server = await startMockServer({ availableAfterMs: 0, now: clock.now, ...(metadata ? { metadata } : {}) });
  servers.push(server);
  return { server, clock };
}

const putToken = (server: MockServer, headers: Record<string, string> = { 'X-Metadata-Token-Ttl-Seconds': '21600' }) =>
  call(server, 'PUT', TOKEN_PATH, { headers });
const getKey = (server: MockServer, sessionToken?: string) =>
  call(server, 'GET', KEY_PATH, { headers: sessionToken === undefined ? {} : { 'X-Metadata-Token': sessionToken } });

describe('sessionToken: required (the default)', () => {
  it('answers a session token (text/plain), then the agency’s temporary key in the official shape', async () => {
    const { server, clock } = await start({ credentialTtlMs: 30 * 60_000 });
    const put = await putToken(server);
    expect(put.status, put.text).toBe(200);
    expect(put.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(put.text.length).toBeGreaterThan(10);

    const reply = await getKey(server, put.text);
    expect(reply.status, reply.text).toBe(200);
    expect(checkCredentialSourceSchema('SecurityKeyResponseBody', reply.json)).toEqual([]);
    const { credential } = reply.json;
    expect(credential.expires_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(Date.parse(credential.expires_at)).toBe(clock.now().getTime() + 30 * 60_000);
    // The key works on CBR, signed with its security token.
    const key = { accessKey: credential.access, secretKey: credential.secret, securityToken: credential.securitytoken };
    expectCheckpoint(await createSignedWith(server, key, SEED_PROJECT_ID, { now: clock.now() }));
    expect(server.fetchCount('createMetadataSessionToken')).toBe(1);
    expect(server.fetchCount('showMetadataSecurityKey')).toBe(1);
    expect(server.temporaryKeys.issuedCount).toBe(1);
  });

  it('refuses the key route without a session token, or with a forged one: 401 without the no-agency sentence', async () => {
    const { server } = await start({});
    for (const reply of [await getKey(server), await getKey(server, 'forged.token')]) {
      expect(reply.status, reply.text).toBe(401);
      expect(checkCredentialSourceSchema('MetadataError', reply.json)).toEqual([]);
      expect(reply.text).not.toContain(METADATA_NO_AGENCY_MESSAGE);
    }
    expect(server.fetchCount('showMetadataSecurityKey')).toBe(0); // refusals are not fetches
  });

  it('refuses a session token past its TTL, and every one after revokeSessionTokens(); a new one works', async () => {
    const { server, clock } = await start({});
    const short = (await putToken(server, { 'X-Metadata-Token-Ttl-Seconds': '60' })).text;
    clock.advance(59_000);
    expect((await getKey(server, short)).status).toBe(200);
    clock.advance(1_000);
    expect((await getKey(server, short)).status).toBe(401);

    const long = (await putToken(server)).text;
    expect((await getKey(server, long)).status).toBe(200);
    server.metadata.revokeSessionTokens();
    expect((await getKey(server, long)).status).toBe(401);
    expect((await getKey(server, (await putToken(server)).text)).status).toBe(200);
  });

  it('checks X-Metadata-Token-Ttl-Seconds against the spec (1 to 21600) and refuses X-Forwarded-For', async () => {
    const { server } = await start({});
    for (const headers of [
      {} as Record<string, string>,
      { 'X-Metadata-Token-Ttl-Seconds': '0' },
      { 'X-Metadata-Token-Ttl-Seconds': '21601' },
      { 'X-Metadata-Token-Ttl-Seconds': 'soon' },
      { 'X-Metadata-Token-Ttl-Seconds': '60', 'X-Forwarded-For': '10.0.0.1' },
    ]) {
      const reply = await putToken(server, headers);
      expect(reply.status, JSON.stringify(headers)).toBe(400);
      expect(checkCredentialSourceSchema('MetadataError', reply.json)).toEqual([]);
    }
    const tooLong = await putToken(server, { 'X-Metadata-Token-Ttl-Seconds': '21601' });
    expect(tooLong.json.message).toContain('X-Metadata-Token-Ttl-Seconds');
    expect((await putToken(server, { 'X-Metadata-Token-Ttl-Seconds': '1' })).status).toBe(200);
  });
});

describe('the other session-token modes', () => {
  it('optional: the key route answers without a session token, and refuses a bad one', async () => {
    const { server } = await start({ sessionToken: 'optional' });
    expect((await getKey(server)).status).toBe(200);
    expect((await getKey(server, 'forged.token')).status).toBe(401);
    expect((await getKey(server, (await putToken(server)).text)).status).toBe(200);
  });

  it('unsupported: the PUT is 404 (an older server), and the key route ignores X-Metadata-Token', async () => {
    const { server } = await start({ sessionToken: 'unsupported' });
    const put = await putToken(server);
    expect(put.status).toBe(404);
    expect(checkCredentialSourceSchema('MetadataError', put.json)).toEqual([]);
    expect((await getKey(server)).status).toBe(200);
    expect((await getKey(server, 'anything')).status).toBe(200);
  });
});

describe('a server without an agency', () => {
  it('answers 401 with "Please configure Cloud Service Agency first", whatever the session token', async () => {
    const { server } = await start({ agency: false });
    const reply = await getKey(server, (await putToken(server)).text);
    expect(reply.status).toBe(401);
    expect(reply.json).toEqual({ message: METADATA_NO_AGENCY_MESSAGE });
    expect(METADATA_NO_AGENCY_MESSAGE).toBe('Please configure Cloud Service Agency first');
    expect(server.temporaryKeys.issuedCount).toBe(0);
    server.metadata.agency = true; // an agency attached while the server runs
    expect((await getKey(server, (await putToken(server)).text)).status).toBe(200);
  });
});

describe('without the metadata option', () => {
  it('serves neither route (404, like any path the mock does not know)', async () => {
    const { server } = await start(undefined);
    expect((await putToken(server)).status).toBe(404);
    expect((await getKey(server)).status).toBe(404);
  });
});

describe('counting and recording', () => {
  it('counts each answered fetch, one per 2xx, for "20 concurrent calls -> one fetch" assertions', async () => {
    const { server } = await start({ sessionToken: 'optional' });
    await Promise.all(Array.from({ length: 20 }, () => getKey(server)));
    expect(server.fetchCount('showMetadataSecurityKey')).toBe(20);
    expect(server.temporaryKeys.issuedCount).toBe(20);
    server.reset();
    expect(server.fetchCount('showMetadataSecurityKey')).toBe(0);
    expect(server.temporaryKeys.issuedCount).toBe(0);
  });

  it('records the session token as [REDACTED]; neither it nor a key’s secret appears in the records', async () => {
    const { server } = await start({});
    const sessionToken = (await putToken(server)).text;
    const reply = await getKey(server, sessionToken);
    const record = server.requests.at(-1);
    expect(record?.headers['x-metadata-token']).toBe(REDACTED);
    const dump = JSON.stringify(server.requests);
    expect(dump).not.toContain(sessionToken);
    expect(dump).not.toContain(reply.json.credential.secret);
  });
});
