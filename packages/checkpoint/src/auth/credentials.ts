// The two ways to authenticate to CBR: an IAM token, or an access key pair that signs each request.

/** Returns the IAM token to send; called once per request, so cache in it what you want cached. */
export type TokenProvider = () => string | Promise<string>;

/** An IAM token (the X-Subject-Token of IAM's token API), or a function that returns one. */
export interface TokenCredentials {
  token: string | TokenProvider;
}

/** An access key pair (AK/SK); each request is signed with SDK-HMAC-SHA256. */
export interface AccessKeyCredentials {
  accessKey: string;
  secretKey: string;
  /** The security token of temporary credentials, sent as X-Security-Token. */
  securityToken?: string;
}

export type Credentials = TokenCredentials | AccessKeyCredentials;

export const isAccessKeyCredentials = (credentials: Credentials): credentials is AccessKeyCredentials =>
  'accessKey' in credentials || 'secretKey' in credentials;
