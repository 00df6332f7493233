// A third party's reading of the keyless routes' specs: Stoplight Prism as a validating proxy (--errors) in front
// of our mock, once with openapi/iam.yaml (the OIDC federation routes and securitytokens) and once with
// openapi/credential-sources.yaml (ECS metadata, pod identity). A request or an answer that breaks a spec fails
// through the proxy, so an answer that passes unchanged conforms in Prism's eyes too, errors included.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPrism, startPrism } from '../../../test-support/prism.js';
import { type MockServer, startMockServer } from '../src/index.js';

const specPath = (name: string) => fileURLToPath(new URL(`../../../openapi/${name}`, import.meta.url));
const IDP = 'github-ci';
const POD_TOKEN = 'contract-pod-token';
const prisms: RunningPrism[] = [];

let mock: MockServer;
let iamUrl: string;
let sourcesUrl: string;

beforeAll(async () => {
  mock = await startMockServer({
    identityProviders: [IDP],
    metadata: { sessionToken: 'required' },
    podIdentity: { authorizationToken: POD_TOKEN },
  });
  prisms.push(
    ...(await Promise.all([
      startPrism(['proxy', specPath('iam.yaml'), mock.url]),
      startPrism(['proxy', specPath('credential-sources.yaml'), mock.url]),
    ])),
  );
  [iamUrl, sourcesUrl] = prisms.map((prism) => prism.url) as [string, string];
}, 90_000);

afterAll(async () => {
  await Promise.all(prisms.map((prism) => prism.stop()));
  await mock?.close();
});

/** A request through a proxy: its status, body text, and whether it really reached our mock. */
async function through(base: string, path: string, init: RequestInit) {
  const before = mock.requests.length;
  const response = await fetch(`${base}${path}`, init);
  const text = await response.text();
  return {
    status: response.status,
    text,
    headers: response.headers,
    reachedMock: mock.requests.length > before,
    violations: response.headers.get('sl-violations'),
  };
}

const postJson = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('openapi/iam.yaml: federation and temporary keys', () => {
  it('passes createTokenWithIdToken, then createTemporaryAccessKeyByToken, unchanged (201, no violation)', async () => {
    const exchanged = await through(
      iamUrl,
      '/v3.0/OS-AUTH/id-token/tokens',
      postJson({ auth: { id_token: { id: mock.mintIdToken(IDP) } } }, { 'X-Idp-Id': IDP }),
    );
    expect(exchanged.status, exchanged.text).toBe(201);
    expect(exchanged.reachedMock).toBe(true);
    expect(exchanged.violations).toBeNull();
    const token = exchanged.headers.get('x-subject-token') ?? '';

    const key = await through(
      iamUrl,
      '/v3.0/OS-CREDENTIAL/securitytokens',
      postJson({ auth: { identity: { methods: ['token'], token: { id: token, duration_seconds: 3600 } } } }),
    );
    expect(key.status, key.text).toBe(201);
    expect(key.violations).toBeNull();
    expect(JSON.parse(key.text).credential.securitytoken).toBeTruthy();
  });

  it('passes the OS-FEDERATION route with a bearer ID token (201)', async () => {
    const reply = await through(iamUrl, `/v3/OS-FEDERATION/identity_providers/${IDP}/protocols/oidc/auth`, {
      method: 'POST',
      headers: { authorization: `Bearer ${mock.mintIdToken(IDP)}` },
    });
    expect(reply.status, reply.text).toBe(201);
    expect(reply.violations).toBeNull();
  });

  it('passes the refusals as the spec’s IamError: an expired ID token 401, an unknown IdP 404', async () => {
    const expired = await through(
      iamUrl,
      '/v3.0/OS-AUTH/id-token/tokens',
      postJson({ auth: { id_token: { id: mock.mintIdToken(IDP, { expiresInMs: -1 }) } } }, { 'X-Idp-Id': IDP }),
    );
    expect(expired.status, expired.text).toBe(401);
    expect(expired.reachedMock).toBe(true);
    expect(JSON.parse(expired.text).error_code).toBe('IAM.0066');
    const unknown = await through(
      iamUrl,
      '/v3.0/OS-AUTH/id-token/tokens',
      postJson({ auth: { id_token: { id: mock.mintIdToken(IDP) } } }, { 'X-Idp-Id': 'nobody' }),
    );
    expect(unknown.status, unknown.text).toBe(404);
    expect(JSON.parse(unknown.text).error_code).toBe('IAM.0004');
  });

  it('stops a duration_seconds below 900 before it reaches our mock (Prism reads the same rule)', async () => {
    const reply = await through(
      iamUrl,
      '/v3.0/OS-CREDENTIAL/securitytokens',
      postJson({ auth: { identity: { methods: ['token'], token: { id: 'MII-x-y', duration_seconds: 60 } } } }),
    );
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expect(reply.reachedMock).toBe(false);
  });
});

describe('openapi/credential-sources.yaml: ECS metadata and pod identity', () => {
  it('passes the session token (text/plain) and the security key (200) unchanged', async () => {
    const put = await through(sourcesUrl, '/meta-data/latest/api/token', {
      method: 'PUT',
      headers: { 'X-Metadata-Token-Ttl-Seconds': '21600' },
    });
    expect(put.status, put.text).toBe(200);
    expect(put.violations).toBeNull();
    const key = await through(sourcesUrl, '/openstack/latest/securitykey', {
      headers: { 'X-Metadata-Token': put.text },
    });
    expect(key.status, key.text).toBe(200);
    expect(key.violations).toBeNull();
    expect(JSON.parse(key.text).credential.expires_at).toMatch(/\.\d{6}Z$/);
  });

  it('passes the no-agency refusal (401 MetadataError)', async () => {
    mock.metadata.agency = false;
    try {
      const put = await fetch(`${mock.url}/meta-data/latest/api/token`, {
        method: 'PUT',
        headers: { 'X-Metadata-Token-Ttl-Seconds': '60' },
      });
      const reply = await through(sourcesUrl, '/openstack/latest/securitykey', {
        headers: { 'X-Metadata-Token': await put.text() },
      });
      expect(reply.status, reply.text).toBe(401);
      expect(reply.reachedMock).toBe(true);
      expect(reply.text).toContain('Please configure Cloud Service Agency first');
    } finally {
      mock.metadata.agency = true;
    }
  });

  it('passes pod identity’s credentials (200) and its refusal of a wrong token (401)', async () => {
    const ok = await through(sourcesUrl, '/v1/credentials', postJson({}, { authorization: POD_TOKEN }));
    expect(ok.status, ok.text).toBe(200);
    expect(ok.violations).toBeNull();
    const refused = await through(sourcesUrl, '/v1/credentials', postJson({}, { authorization: 'wrong' }));
    expect(refused.status, refused.text).toBe(401);
    expect(refused.reachedMock).toBe(true);
  });

  it('does check answers: a security key without its securitytoken (scripted on our mock) fails through the proxy', async () => {
    mock.faults.push({
      route: 'showMetadataSecurityKey',
      kind: 'respond',
      status: 200,
      body: { credential: { access: 'AK', secret: 'SK', expires_at: '2026-01-02T03:04:05.678000Z' } },
    });
    const put = await fetch(`${mock.url}/meta-data/latest/api/token`, {
      method: 'PUT',
      headers: { 'X-Metadata-Token-Ttl-Seconds': '60' },
    });
    const reply = await through(sourcesUrl, '/openstack/latest/securitykey', {
      headers: { 'X-Metadata-Token': await put.text() },
    });
    expect(reply.status).toBeGreaterThanOrEqual(500);
    expect(mock.faults.pending).toHaveLength(0); // the broken answer was really served, and refused by Prism
  });

  it('stops a session-token TTL over 21600 before it reaches our mock', async () => {
    const reply = await through(sourcesUrl, '/meta-data/latest/api/token', {
      method: 'PUT',
      headers: { 'X-Metadata-Token-Ttl-Seconds': '99999' },
    });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.reachedMock).toBe(false);
  });
});
