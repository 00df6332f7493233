// CbrClient: resolves the configuration once (endpoint, project, credentials, transport) and hands out the
// resources. Everything secret stays in closures and #private fields, so logging a client shows nothing.
import { createAuthenticator } from './auth/authenticator.js';
import { Checkpoints } from './checkpoints/checkpoints.js';
import { resolveEndpoint } from './config/endpoint.js';
import { clientOptionsFromEnv, type EnvironmentOptions } from './config/from-env.js';
import { type CbrClientOptions, DEFAULTS } from './config/options.js';
import { userAgentHeader } from './config/user-agent.js';
import { CbrConfigError, CbrValidationError } from './errors/cbr-error.js';
import { axiosTransport } from './transport/axios-transport.js';
import { defaultTransport } from './transport/default-transport.js';
import { RequestSender } from './transport/request-sender.js';
import { assertValidPathParameter } from './validation/validate-input.js';

function positiveInteger(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new CbrConfigError(
      `${name} must be ${allowZero ? 'a non-negative' : 'a positive'} integer (got ${String(value)})`,
    );
  }
  return value;
}

function checkProjectId(projectId: unknown): string {
  try {
    assertValidPathParameter('CbrClient options', 'ProjectId', 'projectId', projectId);
  } catch (error) {
    if (error instanceof CbrValidationError) throw new CbrConfigError(`${error.message} (the project ID is required)`);
    throw error;
  }
  return projectId as string;
}

/** The client of the CBR restore point API. */
export class CbrClient {
  /** The endpoint requests go to, e.g. `https://cbr.cn-north-4.myhuaweicloud.com`. */
  readonly endpoint: string;
  readonly projectId: string;
  /** How requests are authenticated: an IAM token, or an AK/SK signature. */
  readonly authentication: 'token' | 'access-key';
  /** Restore points: create, get, waitUntilAvailable. */
  readonly checkpoints: Checkpoints;

  constructor(options: CbrClientOptions) {
    if (options === undefined || options === null || typeof options !== 'object') {
      throw new CbrConfigError('CbrClient needs options: { region or endpoint, projectId, credentials }');
    }
    this.endpoint = resolveEndpoint(options);
    this.projectId = checkProjectId(options.projectId);
    const authenticator = createAuthenticator(options.credentials, this.projectId);
    this.authentication = authenticator.kind;
    const timeoutMs = positiveInteger('timeoutMs', options.timeoutMs, DEFAULTS.timeoutMs);
    const sender = new RequestSender(options.axios ? axiosTransport(options.axios) : defaultTransport(), {
      timeoutMs,
      maxRetries: positiveInteger('maxRetries', options.maxRetries, DEFAULTS.maxRetries, true),
      retryBaseDelayMs: positiveInteger('retryBaseDelayMs', options.retryBaseDelayMs, DEFAULTS.retryBaseDelayMs),
      maxRetryDelayMs: positiveInteger('maxRetryDelayMs', options.maxRetryDelayMs, DEFAULTS.maxRetryDelayMs),
      hooks: options.hooks ?? {},
      logger: options.logger ?? {},
    });
    this.checkpoints = new Checkpoints({
      endpoint: this.endpoint,
      projectId: this.projectId,
      authenticator,
      sender,
      extraHeaders: userAgentHeader(options.userAgent),
      requestTimeoutMs: timeoutMs,
    });
  }

  /**
   * A client configured from environment variables: HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK (and
   * HUAWEICLOUD_SDK_SECURITY_TOKEN) or HUAWEICLOUD_SDK_TOKEN, HUAWEICLOUD_SDK_PROJECT_ID, and
   * HUAWEICLOUD_SDK_REGION or CBR_ENDPOINT. `overrides` win over the environment.
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
