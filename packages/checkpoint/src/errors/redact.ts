// Removes the request's credentials from what came back from the server before it can reach an error. A
// gateway that echoes request headers or the request body in an error page must not put a token or a password
// into a log, however it escapes them: redaction applies to what the parsed body holds (every string, with the
// JSON escapes of Go's `\u003c`, Python's `\u00f6` or PHP's `\/` decoded), and to the text of a body that is
// not JSON with those escapes decoded too. Linear in the size of the body (times the number of secrets).
import type { PreparedRequest } from '../transport/transport.js';

const SECRET_HEADERS = ['x-auth-token', 'authorization', 'x-security-token'];
export const REDACTED = '[REDACTED]';

/** Shorter values are not redacted: they would match by chance (and a real credential is never this short). */
const MIN_SECRET_LENGTH = 4;
/** An echo of the request inside a JSON string inside a JSON string…: decoded this many levels deep. */
const MAX_ESCAPE_LEVELS = 3;
/** Parsed bodies nested deeper than this are not walked (each level is a stack frame); what is deeper goes. */
const MAX_DEPTH = 64;

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

/** `text` with every occurrence of each secret (as it is) replaced by [REDACTED]. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= MIN_SECRET_LENGTH) result = result.split(secret).join(REDACTED);
  return result;
}

const JSON_ESCAPE = /\\(?:u([0-9a-fA-F]{4})|(["\\/bfnrt]))/g;
const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** `text` with its JSON string escapes decoded (`\u003c` → `<`, `\/` → `/`, `\"` → `"`), wherever they are. */
function decodeJsonEscapes(text: string): string {
  return text.replace(JSON_ESCAPE, (_match, hex: string | undefined, simple: string | undefined) =>
    hex !== undefined ? String.fromCharCode(Number.parseInt(hex, 16)) : (SIMPLE_ESCAPES[simple as string] as string),
  );
}

/**
 * Text from the server with the secrets cut out, also where it holds them JSON-escaped (a body that is not
 * valid JSON, or a string that quotes a JSON document). When an escaped secret is found, the text comes back
 * decoded to the level where it was found, and redacted; otherwise as it was, with only the plain ones cut.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let result = redact(text, secrets);
  let decoded = result;
  for (let level = 0; level < MAX_ESCAPE_LEVELS && decoded.includes('\\'); level++) {
    decoded = decodeJsonEscapes(decoded);
    const cut = redact(decoded, secrets);
    if (cut !== decoded) {
      result = cut;
      decoded = cut;
    }
  }
  return result;
}

/** A parsed JSON body with the secrets cut out of every string in it (keys included). */
export function redactValue(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets, depth + 1));
  // fromEntries defines each key as an own property: a "__proto__" key stays data, never a prototype.
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [redactText(key, secrets), redactValue(item, secrets, depth + 1)]),
  );
}
