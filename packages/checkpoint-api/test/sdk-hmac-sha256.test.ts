// Our SDK-HMAC-SHA256 signer against Huawei's own (@huaweicloud/huaweicloud-sdk-core AKSKSigner), byte for
// byte, over many generated requests; and the verifier the mock server uses against both.
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalRequest,
  formatSdkDate,
  parseAuthorization,
  parseSdkDate,
  percentEncode,
  signRequest,
  verifyRequestSignature,
} from '../src/index.js';

const require = createRequire(import.meta.url);
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
  AKSKSigner: { sign(request: unknown, credential: unknown): Record<string, string> };
};

const officialSign = (
  input: { method: string; url: string; headers: Record<string, string>; data?: unknown },
  ak: string,
  sk: string,
) =>
  AKSKSigner.sign(
    { endpoint: input.url, method: input.method, queryParams: {}, headers: input.headers, data: input.data },
    { getAk: () => ak, getSk: () => sk },
  );

const idCharacters = [..."09azAZ-_.~!*'()%:@ ü好/?#&=+$,;[]", '😀'];
const id = fc
  .array(fc.constantFrom(...idCharacters), { minLength: 1, maxLength: 40 })
  .map((chars) => chars.join(''))
  .filter((s) => s !== '.' && s !== '..');
const hostileId = fc.oneof(fc.uuid(), fc.stringMatching(/^[0-9a-f]{32}$/), id);
const text = fc.string({ unit: 'grapheme', maxLength: 80 });
const body = fc.record(
  {
    vault_id: fc.uuid(),
    parameters: fc.record(
      {
        name: text,
        description: text,
        incremental: fc.boolean(),
        auto_trigger: fc.boolean(),
        resources: fc.array(fc.uuid(), { maxLength: 3 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['vault_id'] },
);
const credentials = fc.record({
  accessKey: fc.stringMatching(/^[A-Z0-9]{20}$/),
  secretKey: fc.string({ minLength: 1, maxLength: 60 }),
});
const host = fc.constantFrom(
  'https://cbr.cn-north-4.myhuaweicloud.com',
  'http://127.0.0.1:4010',
  'https://cbr.eu-west-101.myhuaweicloud.com:8443',
);
const date = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2099-12-31T23:59:59Z'),
  noInvalidDate: true,
});

describe('signRequest agrees with the official Huawei signer', () => {
  it('for createCheckpoint (POST with a JSON body) and showCheckpoint (GET)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        host,
        hostileId,
        hostileId,
        body,
        credentials,
        date,
        async (isCreate, base, projectId, checkpointId, checkpoint, keys, now) => {
          const path = isCreate
            ? `/v3/${percentEncode(projectId)}/checkpoints`
            : `/v3/${percentEncode(projectId)}/checkpoints/${percentEncode(checkpointId)}`;
          const url = `${base}${path}`;
          const data = isCreate ? { checkpoint } : undefined;
          const headers: Record<string, string> = { 'X-Project-Id': projectId.replace(/[^\x21-\x7e]/g, 'x') };
          if (isCreate) headers['Content-Type'] = 'application/json';

          const ours = await signRequest(
            { method: isCreate ? 'POST' : 'GET', url, headers, body: data && JSON.stringify(data) },
            keys,
            now,
          );
          const official = officialSign(
            { method: isCreate ? 'POST' : 'GET', url, headers: { ...headers, 'X-Sdk-Date': ours['X-Sdk-Date'] }, data },
            keys.accessKey,
            keys.secretKey,
          );
          expect(ours.Authorization).toBe(official.Authorization);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('signs the documented headers for a CBR POST', async () => {
    const signed = await signRequest(
      {
        method: 'POST',
        url: 'https://cbr.cn-north-4.myhuaweicloud.com/v3/p/checkpoints',
        headers: { 'Content-Type': 'application/json', 'X-Project-Id': 'p' },
        body: '{}',
      },
      { accessKey: 'AK', secretKey: 'SK' },
      new Date('2026-01-02T03:04:05.678Z'),
    );
    expect(signed['X-Sdk-Date']).toBe('20260102T030405Z');
    expect(parseAuthorization(signed.Authorization)).toEqual({
      accessKey: 'AK',
      signedHeaders: ['content-type', 'host', 'x-project-id', 'x-sdk-date'],
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('ends the canonical URI with a slash and hashes an empty body as the empty string', async () => {
    const { canonical } = await canonicalRequest({ method: 'get', url: 'http://h/v3/p/checkpoints/c', headers: {} });
    expect(canonical).toBe(
      'GET\n/v3/p/checkpoints/c/\n\nhost:h\n\nhost\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('round-trips X-Sdk-Date', () => {
    fc.assert(
      fc.property(date, (d) => parseSdkDate(formatSdkDate(d))?.getTime() === Math.floor(d.getTime() / 1000) * 1000),
    );
    expect(parseSdkDate('2026-01-02T03:04:05Z')).toBeUndefined();
  });

  it('formats each second anew (it keeps the last one), before 1970 too, and refuses an invalid date', () => {
    expect(formatSdkDate(new Date('2026-01-02T03:04:05.001Z'))).toBe('20260102T030405Z');
    expect(formatSdkDate(new Date('2026-01-02T03:04:05.999Z'))).toBe('20260102T030405Z');
    expect(formatSdkDate(new Date('2026-01-02T03:04:06.000Z'))).toBe('20260102T030406Z');
    expect(formatSdkDate(new Date('2026-01-02T03:04:05.500Z'))).toBe('20260102T030405Z');
    expect(formatSdkDate(new Date(-500))).toBe('19691231T235959Z');
    expect(formatSdkDate(new Date(0))).toBe('19700101T000000Z');
    expect(() => formatSdkDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('verifyRequestSignature', () => {
  const keys = { accessKey: 'AKTEST', secretKey: 'secret-key-value' };
  const now = new Date('2026-11-27T10:00:00Z');
  const url = 'http://127.0.0.1:4010/v3/p/checkpoints';
  const body = JSON.stringify({ checkpoint: { vault_id: 'v' } });
  const received = async (overrides: { body?: string; date?: Date; headers?: Record<string, string> } = {}) => {
    const headers = { 'content-type': 'application/json', 'x-project-id': 'p', host: '127.0.0.1:4010' };
    const signed = await signRequest({ method: 'POST', url, headers, body }, keys, overrides.date ?? now);
    return {
      method: 'POST',
      url,
      headers: {
        ...headers,
        'x-sdk-date': signed['X-Sdk-Date'],
        authorization: signed.Authorization,
        ...overrides.headers,
      },
      body: overrides.body ?? body,
    };
  };
  const lookup = (ak: string) => (ak === keys.accessKey ? keys.secretKey : undefined);

  it('accepts what signRequest signed', async () => {
    expect(await verifyRequestSignature(await received(), lookup, { now })).toEqual({
      valid: true,
      accessKey: 'AKTEST',
    });
  });

  it('accepts what the official signer signed', async () => {
    const official = officialSign(
      {
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json', 'x-project-id': 'p' },
        data: JSON.parse(body),
      },
      keys.accessKey,
      keys.secretKey,
    );
    const request = {
      method: 'POST',
      url,
      headers: { ...official, 'x-sdk-date': official['X-Sdk-Date'] ?? '', authorization: official.Authorization ?? '' },
      body,
    };
    expect(
      await verifyRequestSignature(request, lookup, { now: parseSdkDate(official['X-Sdk-Date'] ?? '') }),
    ).toMatchObject({ valid: true });
  });

  it.each([
    ['a changed body', { body: '{"checkpoint":{"vault_id":"w"}}' }, 'mismatch'],
    ['a changed signed header', { headers: { 'x-project-id': 'q' } }, 'mismatch'],
    ['a date 16 minutes off', { date: new Date(now.getTime() - 16 * 60 * 1000) }, 'stale-date'],
    [
      'an unknown access key',
      { headers: { authorization: `SDK-HMAC-SHA256 Access=OTHER, SignedHeaders=host, Signature=${'0'.repeat(64)}` } },
      'unknown-key',
    ],
    ['a malformed header', { headers: { authorization: 'Bearer x' } }, 'malformed'],
  ])('rejects %s', async (_name, overrides, reason) => {
    expect(await verifyRequestSignature(await received(overrides), lookup, { now })).toMatchObject({
      valid: false,
      reason,
    });
  });
});
