// Configuration: endpoints from regions, safe-by-default URLs, credentials and the environment.
import { describe, expect, it } from 'vitest';
import { CbrClient, CbrConfigError, REGIONS } from '../src/index.js';
import { ACCESS_KEY, PROJECT_ID, SECRET_KEY, TOKEN } from './support/fixtures.js';

const base = { projectId: PROJECT_ID, credentials: { token: TOKEN } };

describe('endpoint', () => {
  it('comes from the region, for every region of the spec', () => {
    for (const region of REGIONS) {
      expect(new CbrClient({ ...base, region }).endpoint).toBe(`https://cbr.${region}.myhuaweicloud.com`);
    }
  });

  it('refuses an unknown region, naming it and the known ones', () => {
    expect(() => new CbrClient({ ...base, region: 'mars-north-1' })).toThrow(CbrConfigError);
    expect(() => new CbrClient({ ...base, region: 'mars-north-1' })).toThrow(/mars-north-1.*cn-north-4/);
  });

  it('needs a region or an endpoint', () => {
    expect(() => new CbrClient({ ...base })).toThrow(/region or endpoint is required/);
  });

  it('takes an explicit endpoint over the region, without a trailing slash', () => {
    expect(new CbrClient({ ...base, region: 'cn-north-4', endpoint: 'https://cbr.example.internal/' }).endpoint).toBe(
      'https://cbr.example.internal',
    );
  });

  it.each(['http://127.0.0.1:4010', 'http://localhost:8080', 'http://[::1]:9000'])(
    'allows plain http to loopback (%s)',
    (endpoint) => {
      expect(new CbrClient({ ...base, endpoint }).endpoint).toBe(endpoint);
    },
  );

  it('refuses plain http to another machine unless the caller opts in', () => {
    expect(() => new CbrClient({ ...base, endpoint: 'http://10.0.0.5:8080' })).toThrow(
      /unencrypted.*allowInsecureHttp/,
    );
    expect(new CbrClient({ ...base, endpoint: 'http://10.0.0.5:8080', allowInsecureHttp: true }).endpoint).toBe(
      'http://10.0.0.5:8080',
    );
  });

  it.each([
    ['not a url', /not a URL/],
    ['ftp://cbr.example.com', /https/],
    ['https://user:pass@cbr.example.com', /user name or password/],
    ['https://cbr.example.com/?x=1', /query string/],
  ])('refuses the endpoint %j', (endpoint, message) => {
    expect(() => new CbrClient({ ...base, endpoint })).toThrow(message);
  });
});

describe('projectId and credentials', () => {
  const endpoint = 'http://127.0.0.1:1';

  it.each([[''], ['..'], ['p\uDC00'], [undefined], [42]])(
    'refuses the project id %j, naming projectId',
    (projectId) => {
      expect(() => new CbrClient({ endpoint, credentials: { token: TOKEN }, projectId: projectId as string })).toThrow(
        /projectId/,
      );
    },
  );

  it.each([
    [null, /credentials must be/],
    ['key', /credentials must be/],
    [{ token: '' }, /credentials.token is required/],
    [{ token: 42 }, /credentials.token is required/],
    [{ accessKey: ACCESS_KEY }, /credentials.secretKey is required/],
    [{ secretKey: SECRET_KEY }, /credentials.accessKey is required/],
    [{ accessKey: ACCESS_KEY, secretKey: SECRET_KEY, securityToken: '' }, /securityToken/],
  ])('refuses credentials %j with a message naming the field', (credentials, message) => {
    expect(() => new CbrClient({ endpoint, projectId: PROJECT_ID, credentials: credentials as never })).toThrow(
      message,
    );
  });

  it('says which authentication it uses', () => {
    expect(new CbrClient({ endpoint, projectId: PROJECT_ID, credentials: { token: TOKEN } }).authentication).toBe(
      'token',
    );
    expect(
      new CbrClient({ endpoint, projectId: PROJECT_ID, credentials: { accessKey: ACCESS_KEY, secretKey: SECRET_KEY } })
        .authentication,
    ).toBe('access-key');
  });

  it.each([
    ['timeoutMs', 0],
    ['timeoutMs', 1.5],
    ['maxRetries', -1],
    ['retryBaseDelayMs', Number.NaN],
  ])('refuses %s = %s', (name, value) => {
    expect(
      () => new CbrClient({ endpoint, projectId: PROJECT_ID, credentials: { token: TOKEN }, [name]: value }),
    ).toThrow(new RegExp(name));
  });
});

describe('CbrClient.fromEnv', () => {
  it('reads AK/SK, project and region with the official SDK variable names', () => {
    const client = CbrClient.fromEnv(
      {},
      {
        HUAWEICLOUD_SDK_AK: ACCESS_KEY,
        HUAWEICLOUD_SDK_SK: SECRET_KEY,
        HUAWEICLOUD_SDK_PROJECT_ID: PROJECT_ID,
        HUAWEICLOUD_SDK_REGION: 'ap-southeast-1',
      },
    );
    expect(client.toJSON()).toEqual({
      endpoint: 'https://cbr.ap-southeast-1.myhuaweicloud.com',
      projectId: PROJECT_ID,
      authentication: 'access-key',
      credentialSource: 'environment (HUAWEICLOUD_SDK_AK)',
    });
  });

  it('reads a token and an endpoint override', () => {
    const client = CbrClient.fromEnv(
      {},
      { HUAWEICLOUD_SDK_TOKEN: TOKEN, HUAWEICLOUD_SDK_PROJECT_ID: PROJECT_ID, CBR_ENDPOINT: 'http://127.0.0.1:4010' },
    );
    expect(client.endpoint).toBe('http://127.0.0.1:4010');
    expect(client.authentication).toBe('token');
  });

  it('names every missing variable at once', () => {
    // No credentials in the environment: the default chain's later sources, asked at the first call.
    expect(() => CbrClient.fromEnv({}, { HOME: '/nonexistent' })).toThrow(
      'cannot configure the CBR client from the environment: missing HUAWEICLOUD_SDK_REGION (or CBR_ENDPOINT)',
    );
    expect(() =>
      CbrClient.fromEnv(
        {},
        { HUAWEICLOUD_SDK_AK: ACCESS_KEY, HUAWEICLOUD_SDK_PROJECT_ID: 'p', HUAWEICLOUD_SDK_REGION: 'cn-north-4' },
      ),
    ).toThrow(/missing HUAWEICLOUD_SDK_SK \(beside HUAWEICLOUD_SDK_AK\)$/);
    // Each kind says what it lacks, and a token still needs the project (only it cannot find one).
    expect(() =>
      CbrClient.fromEnv({}, { HUAWEICLOUD_SDK_USER_NAME: 'bot', HUAWEICLOUD_SDK_REGION: 'cn-north-4' }),
    ).toThrow(/missing HUAWEICLOUD_SDK_DOMAIN_NAME and HUAWEICLOUD_SDK_PASSWORD \(beside HUAWEICLOUD_SDK_USER_NAME\)$/);
    expect(() => CbrClient.fromEnv({}, { HUAWEICLOUD_SDK_TOKEN: TOKEN, CBR_ENDPOINT: 'http://127.0.0.1:1' })).toThrow(
      /missing HUAWEICLOUD_SDK_PROJECT_ID$/,
    );
  });

  it('lets explicit options win over the environment', () => {
    const client = CbrClient.fromEnv(
      { projectId: 'other' },
      { HUAWEICLOUD_SDK_TOKEN: TOKEN, HUAWEICLOUD_SDK_PROJECT_ID: PROJECT_ID, HUAWEICLOUD_SDK_REGION: 'cn-north-4' },
    );
    expect(client.projectId).toBe('other');
  });
});

describe('password credentials, the IAM endpoint and an optional projectId', () => {
  const user = { domainName: 'acme-prod', userName: 'backup-bot', password: 'pa55word' };

  it('takes an IAM user; the project is not known before the first token', () => {
    const cbr = new CbrClient({ region: 'cn-north-4', credentials: user });
    expect(cbr.authentication).toBe('password');
    expect(cbr.projectId).toBeUndefined();
    expect(cbr.toJSON()).toEqual({
      endpoint: 'https://cbr.cn-north-4.myhuaweicloud.com',
      projectId: undefined,
      authentication: 'password',
      credentialSource: 'IAM user (options)',
    });
  });

  it.each([
    [{ ...user, userName: '' }, /credentials\.userName must be at least 1 character long/],
    [{ ...user, password: '' }, /credentials\.password must be at least 1 character long/],
    [{ ...user, domainName: 42 }, /credentials\.domainName must be of type string/],
    [{ userName: 'bot', password: 'x' }, /credentials\.domainName is required/],
    [{ domainName: 'acme' }, /credentials\.userName is required.*credentials\.password is required/],
  ])('refuses password credentials %j, naming each option from the IAM spec’s rules', (credentials, message) => {
    expect(() => new CbrClient({ region: 'cn-north-4', credentials: credentials as never })).toThrow(message);
  });

  it('a token still needs projectId; the other kinds need it only without a region', () => {
    expect(() => new CbrClient({ region: 'cn-north-4', credentials: { token: TOKEN } })).toThrow(
      /projectId is required with token credentials/,
    );
    expect(() => new CbrClient({ endpoint: 'https://cbr.example.com', credentials: user })).toThrow(
      /projectId is required when no region is given/,
    );
    const aksk = { accessKey: ACCESS_KEY, secretKey: SECRET_KEY };
    expect(new CbrClient({ region: 'cn-north-4', credentials: aksk }).projectId).toBeUndefined();
    expect(new CbrClient({ region: 'cn-north-4', credentials: aksk, projectId: PROJECT_ID }).projectId).toBe(
      PROJECT_ID,
    );
  });

  it('needs an IAM endpoint or a region for password credentials', () => {
    expect(
      () => new CbrClient({ endpoint: 'https://cbr.example.com', projectId: PROJECT_ID, credentials: user }),
    ).toThrow(/iamEndpoint or region is required with password credentials/);
    expect(
      new CbrClient({
        endpoint: 'https://cbr.example.com',
        iamEndpoint: 'https://iam.example.com',
        projectId: PROJECT_ID,
        credentials: user,
      }).projectId,
    ).toBe(PROJECT_ID);
  });

  it.each([
    ['http://10.0.0.5:8080', /iamEndpoint http:\/\/10\.0\.0\.5:8080 is plain http:\/\/ to another machine/],
    ['not a url', /iamEndpoint is not a URL/],
    ['https://iam.example.com/?a=1', /iamEndpoint must not contain a query string/],
  ])('checks iamEndpoint %j like endpoint, naming it', (iamEndpoint, message) => {
    expect(() => new CbrClient({ region: 'cn-north-4', iamEndpoint, credentials: user })).toThrow(message);
  });

  it.each([[''], ['cn north 4'], ['a/b'], ['x@evil.example'], ['cn.north'], [7]])(
    'refuses the region %j for IAM, naming region',
    (region) => {
      expect(
        () =>
          new CbrClient({
            endpoint: 'https://cbr.example.com',
            region: region as string,
            projectId: region === '' ? undefined : PROJECT_ID,
            credentials: user,
          }),
      ).toThrow(/region/);
    },
  );

  it('reads the IAM user and the IAM endpoint from the environment (a bare host gets https://)', () => {
    const cbr = CbrClient.fromEnv(
      {},
      {
        HUAWEICLOUD_SDK_DOMAIN_NAME: 'acme-prod',
        HUAWEICLOUD_SDK_USER_NAME: 'backup-bot',
        HUAWEICLOUD_SDK_PASSWORD: ' pass with spaces ',
        HUAWEICLOUD_SDK_REGION: 'eu-west-101',
        HUAWEICLOUD_SDK_IAM_ENDPOINT: 'iam.example.com',
      },
    );
    expect(cbr.authentication).toBe('password');
    expect(cbr.endpoint).toBe('https://cbr.eu-west-101.myhuaweicloud.com');
    expect(
      () =>
        CbrClient.fromEnv(
          {},
          {
            HUAWEICLOUD_SDK_DOMAIN_NAME: 'acme-prod',
            HUAWEICLOUD_SDK_USER_NAME: 'backup-bot',
            HUAWEICLOUD_SDK_PASSWORD: 'x',
            HUAWEICLOUD_SDK_REGION: 'cn-north-4',
            HUAWEICLOUD_SDK_IAM_ENDPOINT: 'http://iam.example.com',
          },
        ),
      'a plain http IAM endpoint from the environment is refused too',
    ).toThrow(/iamEndpoint/);
  });

  it('takes AK/SK over an IAM user, and an IAM user over a token, when several are set', () => {
    const env = {
      HUAWEICLOUD_SDK_AK: ACCESS_KEY,
      HUAWEICLOUD_SDK_SK: SECRET_KEY,
      HUAWEICLOUD_SDK_DOMAIN_NAME: 'acme-prod',
      HUAWEICLOUD_SDK_USER_NAME: 'backup-bot',
      HUAWEICLOUD_SDK_PASSWORD: 'x',
      HUAWEICLOUD_SDK_TOKEN: TOKEN,
      HUAWEICLOUD_SDK_PROJECT_ID: PROJECT_ID,
      HUAWEICLOUD_SDK_REGION: 'cn-north-4',
    };
    expect(CbrClient.fromEnv({}, env).authentication).toBe('access-key');
    const { HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, ...withoutKeys } = env;
    expect(CbrClient.fromEnv({}, withoutKeys).authentication).toBe('password');
  });
});
