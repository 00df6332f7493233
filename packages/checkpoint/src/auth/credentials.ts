// The ways to authenticate to CBR: an IAM token, an IAM user's password (the SDK obtains the tokens and keeps
// them fresh), an access key pair that signs each request, or a provider of temporary access keys (the SDK
// caches them and asks again before they expire: ECS metadata, OIDC federation, pod identity, your own).

/** Returns the IAM token to send; called once per request, so cache in it what you want cached. */
export type TokenProvider = () => string | Promise<string>;

/** An IAM token (the X-Subject-Token of IAM's token API), or a function that returns one. */
export interface TokenCredentials {
  /** The token, or a function called before each request that returns it (to renew it yourself). */
  token: string | TokenProvider;
}

/**
 * An IAM user. The SDK obtains a project-scoped token from IAM with this password, caches it, replaces it
 * before it expires and after the service refuses it, and never sends one past its expiry.
 */
export interface PasswordCredentials {
  /** The account's name (IAM calls it the domain), e.g. `acme-prod`. */
  domainName: string;
  /** The IAM user's name, e.g. `backup-bot`. The user needs programmatic access. */
  userName: string;
  /** The IAM user's password. Never retried when IAM refuses it: IAM locks a user after a few wrong ones. */
  password: string;
}

/** An access key pair (AK/SK); each request is signed with SDK-HMAC-SHA256. */
export interface AccessKeyCredentials {
  /** The access key ID (AK), e.g. from HUAWEICLOUD_SDK_AK. */
  accessKey: string;
  /** The secret access key (SK): it signs each request and is never sent. */
  secretKey: string;
  /** The security token of temporary credentials, sent as X-Security-Token. */
  securityToken?: string;
}

/** Temporary access keys, as a provider hands them out. */
export interface TemporaryAccessKeys {
  /** The access key ID (AK). */
  accessKey: string;
  /** The secret access key (SK). */
  secretKey: string;
  /** The security token that goes with temporary keys, sent (and signed) as X-Security-Token. */
  securityToken?: string | undefined;
  /** When the keys stop working. Absent: they do not expire (the client keeps them until the service refuses them). */
  expiresAt?: Date | undefined;
}

/** What the client tells a provider each time it asks it for keys. */
export interface AccessKeyProviderOptions {
  /** Stops the request for keys (the client passes none for the fetch it shares between calls). */
  signal?: AbortSignal | undefined;
  /** The client's region, e.g. `cn-north-4`, when it has one. */
  region?: string | undefined;
  /** The client's IAM endpoint (its `iamEndpoint` option, else the region's), when it has one. */
  iamEndpoint?: string | undefined;
}

/**
 * A source of temporary access keys: `fromEcsMetadata()`, `fromIdToken()`, `fromPodIdentity()`,
 * `fromProfile()`, or your own function. The client caches what it returns and asks again before `expiresAt`
 * (when less than min(10 % of their lifetime, 40 min) remains), one request at a time, never using keys past
 * their expiry; after a 401 it asks once more and resends the request once.
 */
export type AccessKeyProvider = (options: AccessKeyProviderOptions) => Promise<TemporaryAccessKeys>;

/**
 * How the client authenticates: an IAM token, an IAM user's password, an access key pair, or a provider of
 * temporary access keys.
 */
export type Credentials = TokenCredentials | PasswordCredentials | AccessKeyCredentials | AccessKeyProvider;

/** Whether the credentials are a provider of temporary access keys (a function). */
export const isAccessKeyProvider = (credentials: Credentials): credentials is AccessKeyProvider =>
  typeof credentials === 'function';

export const isAccessKeyCredentials = (credentials: Credentials): credentials is AccessKeyCredentials =>
  typeof credentials === 'object' && ('accessKey' in credentials || 'secretKey' in credentials);

export const isPasswordCredentials = (credentials: Credentials): credentials is PasswordCredentials =>
  typeof credentials === 'object' &&
  ('password' in credentials || 'userName' in credentials || 'domainName' in credentials);
