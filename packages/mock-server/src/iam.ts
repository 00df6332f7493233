// The IAM routes of the mock, on the same port as CBR: a user token by password (POST /v3/auth/tokens) and
// the project query (GET /v3/projects), validated against openapi/iam.yaml and answering in IAM's shapes.
// Its tokens are accepted by the CBR routes of their project until they expire (see auth.ts).
import { createHash } from 'node:crypto';
import { DEFAULT_REGION, formatSchemaIssue, REGIONS } from '@cbr-sdk/checkpoint-api';
import {
  checkIamParameter,
  checkIamSchema,
  IAM_OPERATIONS,
  type IamParameterName,
  type IamSchemaName,
  type KeystoneCreateUserTokenByPasswordRequestBody,
  type ProjectResult,
  SUBJECT_TOKEN_HEADER,
} from '@cbr-sdk/checkpoint-api/iam';
import { json, strictUtf8 } from './body.js';
import { ERROR_CODES, HttpError } from './errors.js';
import type { Answer } from './faults.js';
import { TOKEN_SIZE_LIMITS, type TokenClaims, TokenSealer } from './iam-tokens.js';

/** An IAM user the mock knows, with the password it accepts. */
export interface MockIamUser {
  /** The account's name (IAM's "domain"). */
  domainName: string;
  /** The IAM user's name. */
  userName: string;
  /** The password the mock accepts for this user. */
  password: string;
}

/** A project of the account. */
export interface MockProject {
  /** The project's ID (what CBR's paths carry). */
  id: string;
  /** A region ID for a region's project, e.g. `cn-north-4`. */
  name: string;
}

/** The IAM options of the mock. */
export interface IamOptions {
  /** Who may obtain a token with a password. Default: nobody. */
  iamUsers?: readonly MockIamUser[];
  /** The account's projects. Default {@link DEFAULT_PROJECTS}: one per region of the CBR spec. */
  projects?: readonly MockProject[];
  /** How long a token is valid, in milliseconds. Default 24 hours, as IAM's. */
  tokenTtlMs?: number;
  /**
   * The length of every token issued (`X-Subject-Token`), in characters, from 1024 to 120 000. Default: about
   * 6 000, a token without a catalog. Real tokens grow with the user's roles; Huawei documents `X-Auth-Token`
   * values of up to 100 000 characters, so a client can be tried against one that large.
   */
  iamTokenSize?: number;
}

/** The project ID of Huawei's "Creating a Restore Point" page (the demo's project), the default region's. */
export const SEED_PROJECT_ID = 'f841e01fd2b14e7fa41b6ae7aa6b0594';

/** A 32-hex-digit ID that is the same on every run for the same name (IAM's IDs look like this). */
export const stableId = (kind: string, name: string) =>
  createHash('sha256').update(`cbr-mock-server ${kind} ${name}`).digest('hex').slice(0, 32);

/** One project per region of the CBR spec, named after it; the default region's is the seed page's project. */
export const DEFAULT_PROJECTS: readonly MockProject[] = REGIONS.map((region) => ({
  id: region === DEFAULT_REGION ? SEED_PROJECT_ID : stableId('project', region),
  name: region,
}));

/** IAM locks a user for 15 minutes after 5 wrong passwords (the default login policy). */
const LOCKOUT = { failures: 5, lockMs: 15 * 60 * 1000 } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `2025-06-02T08:15:30.123000Z`: IAM's time format (microseconds, Z), also the metadata service's. */
export const iamTime = (ms: number) => new Date(ms).toISOString().replace(/Z$/, '000Z');

/** Keystone's error shape, as IAM answers a refused password. */
export const keystoneError = (status: number, title: string, message: string): Answer =>
  json(status, { error: { code: status, message, title } });

/** IAM's own error shape. */
export const iamError = (status: number, code: string, message: string): Answer =>
  json(status, { error_msg: message, error_code: code });

/** A token IAM refuses where it expects one of its own (createTemporaryAccessKeyByToken): its code and words. */
export interface TokenRefusal {
  /** The error code IAM answers, e.g. `IAM.0011`. */
  code: string;
  /** What went wrong, in IAM's words. */
  message: string;
}

/** Who a token is issued to, when it is not an IAM user of `iamUsers` (a federated user). */
export interface TokenSubject {
  /** The user's ID. */
  userId: string;
  /** The user's name. */
  userName: string;
  /** The ID of the account (domain) the user belongs to. */
  domainId: string;
  /** The name of that account. */
  domainName: string;
}

/** A 401 of the API gateway for a token sent to a CBR route. */
const refusedToken = (why: string) =>
  new HttpError(401, ERROR_CODES.unauthorized, `Incorrect IAM authentication information: ${why}`);

/**
 * The mock's IAM: who may obtain a token, the account's projects, and the tokens it issued (sealed, so that
 * the CBR routes can check them). Tests may change its users, projects and token lifetime at any time.
 */
export class MockIam {
  /** The IAM users that may obtain a token with a password (copies of the options'). */
  readonly users: MockIamUser[];
  /** The account's projects, as keystoneListProjects lists them. */
  readonly projects: MockProject[];
  /** How long a new token is valid, in milliseconds. Default 24 hours, as IAM's. */
  tokenTtlMs: number;
  readonly #sealer: TokenSealer;
  readonly #now: () => Date;
  /** Tokens of an earlier generation are refused (see {@link MockIam.revokeTokens}). */
  #generation = 0;
  /** Wrong passwords in a row, and the lock, by user. */
  readonly #failures = new Map<string, { count: number; lockedUntil: number }>();
  #issued = 0;

  constructor(options: IamOptions, now: () => Date) {
    this.users = (options.iamUsers ?? []).map((user) => ({ ...user }));
    this.projects = (options.projects ?? DEFAULT_PROJECTS).map((project) => ({ ...project }));
    this.tokenTtlMs = options.tokenTtlMs ?? DAY_MS;
    const size = options.iamTokenSize;
    if (
      size !== undefined &&
      (!Number.isInteger(size) || size < TOKEN_SIZE_LIMITS.min || size > TOKEN_SIZE_LIMITS.max)
    ) {
      throw new RangeError(
        `iamTokenSize must be an integer from ${TOKEN_SIZE_LIMITS.min} to ${TOKEN_SIZE_LIMITS.max} (characters), not ${size}`,
      );
    }
    this.#sealer = new TokenSealer(size);
    this.#now = now;
  }

  /** How many tokens were issued since the start (or the last reset). */
  get issuedCount(): number {
    return this.#issued;
  }

  /** Every token issued so far stops working, as IAM does after a password change (within 30 minutes there). */
  revokeTokens(): void {
    this.#generation += 1;
  }

  /** Forgets wrong-password counts and locks, and the issued count (tokens stay valid). */
  reset(): void {
    this.#failures.clear();
    this.#issued = 0;
  }

  /** The account (domain) of the mock: the first IAM user's, else one named `mock`. */
  get domain(): { id: string; name: string } {
    const name = this.users[0]?.domainName ?? 'mock';
    return { id: stableId('domain', name), name };
  }

  /**
   * Seals a token for `subject`, scoped to `project` (undefined: unscoped), valid for `tokenTtlMs`: how the
   * federation routes issue theirs, so that the CBR routes and createTemporaryAccessKeyByToken take them as
   * they take a password's.
   */
  issueToken(subject: TokenSubject, project: MockProject | undefined): { token: string; claims: TokenClaims } {
    const now = this.#now().getTime();
    const claims: TokenClaims = {
      ...subject,
      projectId: project?.id ?? '',
      projectName: project?.name ?? '',
      issuedAt: now,
      expiresAt: now + this.tokenTtlMs,
      generation: this.#generation,
    };
    this.#issued += 1;
    return { token: this.#sealer.seal(claims), claims };
  }

  /** The claims of a token this IAM issued and still honours, or why it does not (IAM's code and words). */
  checkToken(token: string): TokenClaims | TokenRefusal {
    const claims = this.#sealer.open(token);
    if (!claims) return { code: ERROR_CODES.iamInvalidToken, message: 'Invalid token.' };
    if (this.#now().getTime() >= claims.expiresAt) {
      return { code: ERROR_CODES.iamTokenExpired, message: 'The token has expired.' };
    }
    if (claims.generation !== this.#generation) return { code: ERROR_CODES.iamInvalidToken, message: 'Invalid token.' };
    return claims;
  }

  /** The project a scope names (by id or by name), or undefined. */
  findProject(scope: { id?: string; name?: string }): MockProject | undefined {
    return this.projects.find((p) => (scope.id !== undefined ? p.id === scope.id : p.name === scope.name));
  }

  /** POST /v3/auth/tokens: a token for a user's password, scoped to a project (or the account). */
  createToken(body: Buffer, query: URLSearchParams): Answer {
    const problems = checkQuery('keystoneCreateUserTokenByPassword', query);
    if (problems.length > 0)
      return iamError(400, ERROR_CODES.iamInvalidParameter, `Request parameter invalid: ${problems.join('; ')}`);
    const request = parseJsonBody<KeystoneCreateUserTokenByPasswordRequestBody>(
      body,
      'KeystoneCreateUserTokenByPasswordRequestBody',
    );
    if (typeof request === 'string')
      return iamError(400, ERROR_CODES.iamInvalidBody, `Request body is invalid: ${request}`);
    const { identity, scope } = request.auth;
    if (identity.methods.includes('totp')) {
      return iamError(400, ERROR_CODES.iamInvalidPasscode, 'Invalid TOTP passcode.');
    }
    const given = identity.password.user;
    const key = `${given.domain.name}\u0000${given.name}`;
    const now = this.#now().getTime();
    const failures = this.#failures.get(key);
    if (failures && failures.lockedUntil > now) {
      return keystoneError(401, 'Unauthorized', 'The account is locked.');
    }
    const user = this.users.find((u) => u.domainName === given.domain.name && u.userName === given.name);
    if (!user || user.password !== given.password) {
      const count = (failures?.count ?? 0) + 1;
      this.#failures.set(key, { count, lockedUntil: count >= LOCKOUT.failures ? now + LOCKOUT.lockMs : 0 });
      return keystoneError(401, 'Unauthorized', 'The username or password is wrong.');
    }
    this.#failures.delete(key);

    let project: MockProject | undefined;
    if (scope.project) {
      project = this.findProject(scope.project);
      if (!project) return iamError(400, ERROR_CODES.iamProjectNotFound, 'The project information cannot be found.');
    }
    const domain = { id: stableId('domain', user.domainName), name: user.domainName };
    const claims: TokenClaims = {
      projectId: project?.id ?? '',
      projectName: project?.name ?? '',
      userId: stableId('user', `${user.domainName}/${user.userName}`),
      userName: user.userName,
      domainId: domain.id,
      domainName: domain.name,
      issuedAt: now,
      expiresAt: now + this.tokenTtlMs,
      generation: this.#generation,
    };
    const region = project?.name ?? DEFAULT_REGION;
    const answer = {
      token: {
        expires_at: iamTime(claims.expiresAt),
        issued_at: iamTime(claims.issuedAt),
        methods: ['password'],
        catalog: query.get('nocatalog')
          ? []
          : [
              {
                type: 'cbr',
                id: stableId('service', 'cbr'),
                name: 'cbr',
                endpoints: [
                  {
                    url: `https://cbr.${region}.myhuaweicloud.com`,
                    region,
                    region_id: region,
                    interface: 'public',
                    id: stableId('endpoint', `cbr ${region}`),
                  },
                ],
              },
            ],
        ...(project ? { project: { id: project.id, name: project.name, domain } } : { domain }),
        roles: [{ id: '0', name: 'te_admin' }],
        user: { id: claims.userId, name: user.userName, password_expires_at: '', domain },
      },
    };
    assertAnswerConforms('KeystoneCreateUserTokenByPasswordResponseBody', answer);
    this.#issued += 1;
    return json(201, answer, { [SUBJECT_TOKEN_HEADER.toLowerCase()]: this.#sealer.seal(claims) });
  }

  /** GET /v3/projects: the account's projects that match the query (the caller is authenticated already). */
  listProjects(query: URLSearchParams, selfUrl: string): Answer {
    const problems = checkQuery('keystoneListProjects', query);
    if (problems.length > 0)
      return iamError(400, ERROR_CODES.iamInvalidParameter, `Request parameter invalid: ${problems.join('; ')}`);
    const domainId = this.domain.id;
    const matching = this.projects.filter(
      (project) =>
        (!query.has('name') || project.name === query.get('name')) &&
        (!query.has('domain_id') || domainId === query.get('domain_id')) &&
        (!query.has('enabled') || query.get('enabled') === 'true'),
    );
    const perPage = query.has('per_page') ? Number(query.get('per_page')) : matching.length || 1;
    const page = query.has('page') ? Number(query.get('page')) : 1;
    const origin = new URL(selfUrl).origin;
    const projects: ProjectResult[] = matching.slice((page - 1) * perPage, page * perPage).map((project) => ({
      id: project.id,
      name: project.name,
      domain_id: domainId,
      parent_id: domainId,
      enabled: true,
      is_domain: false,
      description: '',
      links: { self: `${origin}/v3/projects/${project.id}` },
    }));
    const answer = { links: { self: selfUrl, previous: null, next: null }, projects };
    assertAnswerConforms('KeystoneListProjectsResponseBody', answer);
    return json(200, answer);
  }

  /**
   * Checks a token sent to a CBR route of `projectId`. True when it is one of this mock's and valid; throws
   * the gateway's 401 when it is one of this mock's (or looks like one) and is expired, revoked, forged or
   * for another project; false when it is not an IAM token of the mock (the `tokens` option decides).
   */
  acceptsToken(token: string, projectId: string | undefined): boolean {
    if (!TokenSealer.looksIssued(token)) return false;
    const claims = this.#sealer.open(token);
    if (!claims) throw refusedToken('decrypt token fail');
    const now = this.#now().getTime();
    if (now >= claims.expiresAt) throw refusedToken(`token expires, expires_at: ${iamTime(claims.expiresAt)}`);
    if (claims.generation !== this.#generation) throw refusedToken('the token has been revoked');
    if (projectId !== undefined && claims.projectId !== projectId) {
      throw refusedToken(
        claims.projectId === '' ? 'the token is not scoped to a project' : 'the token is scoped to another project',
      );
    }
    return true;
  }
}

/** Each IAM operation's query parameters, by name: their parameter in the IAM spec (made once). */
const QUERY_PARAMETERS = Object.fromEntries(
  Object.entries(IAM_OPERATIONS).map(([operation, spec]) => [
    operation,
    new Map(
      ('queryParameters' in spec ? spec.queryParameters : []).map((p) => [p.name, p.parameter as IamParameterName]),
    ),
  ]),
) as Record<keyof typeof IAM_OPERATIONS, Map<string, IamParameterName>>;

/** The query parameters of an IAM operation, each checked against its rule in the IAM spec. */
export function checkQuery(operation: keyof typeof IAM_OPERATIONS, query: URLSearchParams): string[] {
  const known = QUERY_PARAMETERS[operation];
  const problems: string[] = [];
  for (const [name, raw] of query) {
    const parameter = known.get(name);
    if (parameter === undefined) continue; // IAM ignores what it does not know
    const value = raw === 'true' ? true : raw === 'false' ? false : /^-?\d+$/.test(raw) ? Number(raw) : raw;
    // A query value is text: read as a number or boolean where that is its type in the spec, else as it came
    // (a project named "1"). The reading whose type fits decides.
    let issues = checkIamParameter(parameter, value);
    if (value !== raw && issues.some((issue) => issue.rule === 'type')) issues = checkIamParameter(parameter, raw);
    for (const issue of issues) problems.push(formatSchemaIssue(issue, name));
  }
  return problems;
}

/** The JSON body checked against an IAM schema, or what is wrong with it. */
export function parseJsonBody<T>(body: Buffer, schema: IamSchemaName): T | string {
  let value: unknown;
  try {
    value = JSON.parse(strictUtf8.decode(body));
  } catch {
    return 'the body is not valid JSON';
  }
  const issues = checkIamSchema(schema, value);
  return issues.length > 0 ? issues.map((issue) => formatSchemaIssue(issue)).join('; ') : (value as T);
}

/** The mock must never answer what the spec forbids: a bug here is a 500, not a silent drift. */
export function assertAnswerConforms(schema: IamSchemaName, answer: unknown): void {
  const issues = checkIamSchema(schema, answer);
  if (issues.length > 0) {
    throw new HttpError(
      500,
      ERROR_CODES.internal,
      `Mock answer breaks the IAM spec: ${issues.map((i) => formatSchemaIssue(i)).join('; ')}`,
    );
  }
}
