// The AK/SK signature of a request, shared by static keys and temporary ones from a provider: over the content
// type, the project (when the request has one: IAM's project query has none) and the security token of
// temporary keys (X-Security-Token is inside the signature, as the official SDKs sign it); the signer adds the host.
import { signRequest } from '@cbr-sdk/checkpoint-api';
import type { PreparedRequest } from '../transport/transport.js';

/** The keys a request is signed with. */
export interface SigningKeys {
  accessKey: string;
  secretKey: string;
  securityToken?: string | undefined;
}

export async function signWithAccessKey(
  request: PreparedRequest,
  projectId: string | undefined,
  keys: SigningKeys,
): Promise<PreparedRequest> {
  const signed: Record<string, string> = {};
  if (projectId !== undefined) signed['X-Project-Id'] = projectId;
  const contentType = request.headers['Content-Type'];
  if (contentType !== undefined) signed['Content-Type'] = contentType;
  if (keys.securityToken !== undefined) signed['X-Security-Token'] = keys.securityToken;
  const signature = await signRequest(
    { method: request.method, url: request.url, headers: signed, body: request.body },
    { accessKey: keys.accessKey, secretKey: keys.secretKey },
  );
  return { ...request, headers: { ...request.headers, ...signed, ...signature } };
}

/** The access key a signed request carries (its Authorization header's `Access=`), if any. */
export function accessKeyOf(request: PreparedRequest): string | undefined {
  const authorization = request.headers.Authorization ?? request.headers.authorization;
  return authorization === undefined ? undefined : /Access=([^,\s]+)/.exec(authorization)?.[1];
}
