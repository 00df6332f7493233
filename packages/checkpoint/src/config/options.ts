// What a CbrClient can be told, and the defaults it falls back to.
import type { AxiosInstance } from 'axios';
import type { Credentials } from '../auth/credentials.js';
import type { ClientHooks, Logger } from '../transport/hooks.js';

/** What a {@link CbrClient} is made from: where to send, how to authenticate, and how to retry. */
export interface CbrClientOptions {
  /**
   * A Huawei Cloud region, e.g. `cn-north-4`. Gives the CBR endpoint (unless `endpoint` is set) and the IAM
   * endpoint, and names the project that IAM credentials are scoped to when `projectId` is not given. No
   * default: one of `region` and `endpoint` is required.
   */
  region?: string;
  /** An explicit endpoint URL, e.g. a private endpoint or a local mock server. Wins over `region`. Default: the region's. */
  endpoint?: string;
  /**
   * IAM's endpoint, for password credentials, OIDC federation and for finding the project ID of access keys. Default:
   * the region's, `https://iam.{region}.myhuaweicloud.com` (eu-west-101: `https://iam.eu-west-101.myhuaweicloud.eu`).
   */
  iamEndpoint?: string;
  /** Allow a plain `http://` endpoint that is not loopback. Off by default: credentials would travel in clear. */
  allowInsecureHttp?: boolean;
  /**
   * The project ID the restore points belong to. Optional with password or AK/SK credentials and a region:
   * then the project named after the region (see {@link CbrClient.resolveProjectId}). Required with a token.
   */
  projectId?: string;
  /**
   * An IAM token (or a function returning one), an IAM user's password, an access key pair, or a provider of
   * temporary access keys (`fromEcsMetadata()`, `fromIdToken()`, `fromPodIdentity()`, `fromProfile()`, your
   * own). Default: `defaultCredentials()`, the chain environment → credentials file → CCE pod identity → ECS
   * metadata.
   */
  credentials?: Credentials;
  /** Timeout of each HTTP request, in milliseconds. Default 30 000. */
  timeoutMs?: number;
  /** How many times a failed request may be retried when retrying is safe. Default 2. */
  maxRetries?: number;
  /** First backoff step in milliseconds (doubles per retry, with full jitter). Default 500. */
  retryBaseDelayMs?: number;
  /** The longest the SDK waits before a retry, in milliseconds, including what Retry-After asks for. Default 20 000. */
  maxRetryDelayMs?: number;
  /** Appended to the SDK's User-Agent, e.g. `my-app/1.2`. Default: none (the SDK's own alone). */
  userAgent?: string;
  /** Receives the SDK's log lines (retries, failures). Console-compatible. Nothing is logged by default. */
  logger?: Logger;
  /** Called on each request, response and retry. Default: none. */
  hooks?: ClientHooks;
  /**
   * Send with this axios instance instead of the SDK's own (it is used as is, never modified). Default: none
   * (node:http in Node, axios in browsers or behind a proxy).
   */
  axios?: AxiosInstance;
}

export const DEFAULTS = {
  timeoutMs: 30_000,
  maxRetries: 2,
  retryBaseDelayMs: 500,
  maxRetryDelayMs: 20_000,
} as const;
