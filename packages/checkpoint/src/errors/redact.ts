// Removes the request's credentials from text that came back from the server before it can reach an
// error. A gateway that echoes request headers in an error page must not put a token into a log.
import type { PreparedRequest } from '../transport/transport.js';

const SECRET_HEADERS = ['x-auth-token', 'authorization', 'x-security-token'];
export const REDACTED = '[REDACTED]';

/** The credential values a request carries: its token, its Authorization header and signature, its password. */
export function secretsOf(request: PreparedRequest): string[] {
  const secrets: string[] = [...(request.secrets ?? [])];
  for (const [name, value] of Object.entries(request.headers)) {
    if (!SECRET_HEADERS.includes(name.toLowerCase()) || value === '') continue;
    secrets.push(value);
    const signature = /Signature=([0-9a-f]+)/.exec(value)?.[1];
    if (signature) secrets.push(signature);
  }
  // Longest first, so a whole header is replaced before the signature inside it.
  return secrets.sort((a, b) => b.length - a.length);
}

export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= 4) result = result.split(secret).join(REDACTED);
  return result;
}
