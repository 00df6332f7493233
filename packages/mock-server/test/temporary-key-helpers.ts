// Calls signed with a temporary key the mock issued: the security token sent and signed (as the SDK does),
// sent but left out of the signature, or not sent at all.
import { signRequest } from '@cbr-sdk/checkpoint-api';
import type { MockServer } from '../src/index.js';
import { call, exampleRequest, type Reply } from './helpers.js';

/** A temporary key in the SDK's terms. */
export interface TemporaryKey {
  accessKey: string;
  secretKey: string;
  securityToken: string;
}

/** How the security token goes with a signed request. */
export type SecurityTokenUse = 'signed' | 'unsigned' | 'absent';

/** A request signed with `key`; `body` (an object) is sent as JSON. */
export async function signedCall(
  server: MockServer,
  key: TemporaryKey,
  method: string,
  path: string,
  { body, token = 'signed', now = new Date() }: { body?: unknown; token?: SecurityTokenUse; now?: Date } = {},
): Promise<Reply> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = text === undefined ? {} : { 'Content-Type': 'application/json' };
  if (token === 'signed') headers['X-Security-Token'] = key.securityToken;
  const signature = await signRequest(
    { method, url: `${server.url}${path}`, headers, body: text },
    { accessKey: key.accessKey, secretKey: key.secretKey },
    now,
  );
  const sent = { ...headers, ...signature, ...(token === 'unsigned' ? { 'X-Security-Token': key.securityToken } : {}) };
  return call(server, method, path, { body: text, headers: sent });
}

/** Creates a restore point (the seed's example) in `projectId`, signed with `key`. */
export const createSignedWith = (
  server: MockServer,
  key: TemporaryKey,
  projectId: string,
  options: { token?: SecurityTokenUse; now?: Date } = {},
) => signedCall(server, key, 'POST', `/v3/${projectId}/checkpoints`, { body: exampleRequest(), ...options });
