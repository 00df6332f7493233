// CbrClient: resolves the configuration once (endpoints, project, credentials, transport) and hands out the
// resources. Everything secret stays in closures and #private fields, so logging a client shows nothing.
import { type Authenticator, createAuthenticator, credentialKind } from './auth/authenticator.js';
import { type CallOptions, Checkpoints } from './checkpoints/checkpoints.js';
import { checkProjectId, checkRegion, milliseconds, positiveInteger } from './config/check-options.js';
import { resolveEndpoint } from './config/endpoint.js';
import { clientOptionsFromEnv, type EnvironmentOptions } from './config/from-env.js';
import { checkHeaderValue } from './config/header-value.js';
import { resolveIamEndpoint } from './config/iam-endpoint.js';
import { type CbrClientOptions, DEFAULTS } from './config/options.js';
import { ProjectIdSource, theRegionsProject } from './config/project-id.js';
import { userAgentHeader } from './config/user-agent.js';
import { CbrConfigError } from './errors/cbr-error.js';
import { IamClient } from './iam/iam-client.js';
import { axiosTransport } from './transport/axios-transport.js';
import { defaultTransport } from './transport/default-transport.js';
import { RequestSender } from './transport/request-sender.js';

/** The client of the CBR restore point API. */
export class CbrClient {
  /** The endpoint requests go to, e.g. `https://cbr.cn-north-4.myhuaweicloud.com`. */
  readonly endpoint: string;
  /** How requests are authenticated: an IAM token, an IAM user's password (tokens kept by the SDK), or AK/SK. */
  readonly authentication: 'token' | 'password' | 'access-key';
  /** Restore points: create, get, waitUntilAvailable. */
  readonly checkpoints: Checkpoints;
  readonly #project: ProjectIdSource;
  readonly #requestTimeoutMs: number;

  constructor(options: CbrClientOptions) {
    if (options === undefined || options === null || typeof options !== 'object') {
      throw new CbrConfigError('CbrClient needs options: { region or endpoint, credentials, projectId? }');
    }
    this.endpoint = resolveEndpoint(options);
    const kind = credentialKind(options.credentials);
    const projectId = options.projectId === undefined ? undefined : checkProjectId(options.projectId);
    const region = checkRegion(options.region);
    if (projectId === undefined && kind === 'token') {
      throw new CbrConfigError(
        'projectId is required with token credentials (with a password or AK/SK it can be found from the region)',
      );
    }
    if (projectId === undefined && region === undefined) {
      throw new CbrConfigError(
        'projectId is required when no region is given: without it, the project is the one named after the region',
      );
    }
    this.authentication = kind;

    const timeoutMs = milliseconds('timeoutMs', options.timeoutMs, DEFAULTS.timeoutMs);
    const logger = options.logger ?? {};
    const sender = new RequestSender(options.axios ? axiosTransport(options.axios) : defaultTransport(), {
      timeoutMs,
      maxRetries: positiveInteger('maxRetries', options.maxRetries, DEFAULTS.maxRetries, true),
      retryBaseDelayMs: milliseconds('retryBaseDelayMs', options.retryBaseDelayMs, DEFAULTS.retryBaseDelayMs),
      maxRetryDelayMs: milliseconds('maxRetryDelayMs', options.maxRetryDelayMs, DEFAULTS.maxRetryDelayMs),
      hooks: options.hooks ?? {},
      logger,
    });
    const extraHeaders = userAgentHeader(
      options.userAgent ? checkHeaderValue('userAgent', options.userAgent) : options.userAgent,
    );

    // IAM is reached only when the SDK needs it: for password tokens, or to find the project of AK/SK.
    const needsIam = kind === 'password' || (kind === 'access-key' && projectId === undefined);
    const iam = needsIam
      ? new IamClient({
          endpoint: resolveIamEndpoint(
            options,
            region,
            kind === 'password' ? 'with password credentials' : 'to find the project ID (or pass projectId)',
          ),
          sender,
          extraHeaders,
        })
      : undefined;
    const authenticator = createAuthenticator(
      options.credentials,
      kind,
      iam && {
        iam,
        scope: projectId !== undefined ? { id: projectId } : { name: region as string },
        onRefreshFailed: (error) =>
          logger.warn?.(
            `cbr: renewing the IAM token ahead of its expiry failed; the current one stays in use until it expires: ${error instanceof Error ? error.message : String(error)}`,
          ),
      },
    );
    this.#project = new ProjectIdSource(
      projectId,
      discoverProjectId(authenticator, iam, region),
      kind === 'password' ? 'keystoneCreateUserTokenByPassword' : 'keystoneListProjects',
    );
    this.#requestTimeoutMs = timeoutMs;
    this.checkpoints = new Checkpoints({
      endpoint: this.endpoint,
      project: this.#project,
      authenticator,
      sender,
      extraHeaders,
      requestTimeoutMs: timeoutMs,
    });
  }

  /** The project ID the client works in: given, or found already by {@link CbrClient.resolveProjectId}; else undefined. */
  get projectId(): string | undefined {
    return this.#project.known;
  }

  /**
   * The project ID the client works in. When it was not given, it is found once and kept: the project of
   * the password token (obtaining the token if need be), or, for AK/SK, the one project IAM lists under the
   * region's name (a signed `GET /v3/projects?name=<region>`). Several calls at once share one lookup; each
   * waits for it until its `signal` fires or its `timeoutMs` (default: the client's) passes.
   */
  async resolveProjectId(options: CallOptions = {}): Promise<string> {
    return this.#project.resolve({
      signal: options.signal,
      timeoutMs: milliseconds('timeoutMs', options.timeoutMs, this.#requestTimeoutMs),
    });
  }

  /**
   * A client configured from environment variables: HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (and
   * HUAWEICLOUD_SDK_SECURITY_TOKEN), or HUAWEICLOUD_SDK_DOMAIN_NAME, HUAWEICLOUD_SDK_USER_NAME and
   * HUAWEICLOUD_SDK_PASSWORD, or HUAWEICLOUD_SDK_TOKEN; HUAWEICLOUD_SDK_PROJECT_ID, HUAWEICLOUD_SDK_REGION or
   * CBR_ENDPOINT, HUAWEICLOUD_SDK_IAM_ENDPOINT. `overrides` win over the environment.
   */
  static fromEnv(
    overrides: EnvironmentOptions = {},
    env: Record<string, string | undefined> = globalThis.process?.env ?? {},
  ): CbrClient {
    return new CbrClient(clientOptionsFromEnv(env, overrides));
  }

  /** What JSON.stringify shows: where the client points, never its credentials. */
  toJSON() {
    return { endpoint: this.endpoint, projectId: this.projectId, authentication: this.authentication };
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return `CbrClient ${JSON.stringify(this.toJSON())}`;
  }
}

/** How a project ID that was not given is found: from the password token, or IAM's project of the region. */
function discoverProjectId(
  authenticator: Authenticator,
  iam: IamClient | undefined,
  region: string | undefined,
): (() => Promise<string>) | undefined {
  const ofCredentials = authenticator.projectIdOfCredentials;
  if (ofCredentials !== undefined) return () => ofCredentials();
  if (iam === undefined || region === undefined) return undefined;
  return async () =>
    theRegionsProject(
      await iam.findProjectIds(region, async (request) =>
        authenticator.authenticate(request, { operation: 'keystoneListProjects' }),
      ),
      region,
    );
}
