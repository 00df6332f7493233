// The three ways to authenticate to CBR: an IAM token, an IAM user's password (the SDK obtains the tokens and
// keeps them fresh), or an access key pair that signs each request.

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

/** How the client authenticates: an IAM token, an IAM user's password, or an access key pair. */
export type Credentials = TokenCredentials | PasswordCredentials | AccessKeyCredentials;

export const isAccessKeyCredentials = (credentials: Credentials): credentials is AccessKeyCredentials =>
  'accessKey' in credentials || 'secretKey' in credentials;

export const isPasswordCredentials = (credentials: Credentials): credentials is PasswordCredentials =>
  'password' in credentials || 'userName' in credentials || 'domainName' in credentials;
