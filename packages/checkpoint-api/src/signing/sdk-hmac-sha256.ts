// Huawei Cloud's AK/SK request signature (SDK-HMAC-SHA256), as the official SDK core computes it
// (core/auth/AKSKSigner). One implementation serves the client (signing) and the mock server (verifying).
// Web Crypto in browsers, node:crypto in Node: the same signature either way.
import type * as NodeCrypto from 'node:crypto';

/** The signature's algorithm name, the first word of the Authorization header it makes. */
export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';
/** The header that carries the signing time (see {@link formatSdkDate}); the signature covers it. */
export const SDK_DATE_HEADER = 'X-Sdk-Date';
/** The hex SHA-256 of an empty body: the body hash of a request without one. */
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** The parts of an HTTP request that the signature covers. */
export interface SignableRequest {
  /** The HTTP method, e.g. `POST` (any case: it is upper-cased for the signature). */
  method: string;
  /** The absolute URL the request is sent to, path already encoded as it goes on the wire. */
  url: string | URL;
  /** The headers to sign (names in any case). `host` is added from the URL when absent. */
  headers: Readonly<Record<string, string>>;
  /** The exact body bytes sent (a string is taken as UTF-8); absent or empty for no body. */
  body?: string | Uint8Array | undefined;
}

/** An access key and its secret. */
export interface AccessKeyPair {
  /** The access key ID (AK), named in the Authorization header. */
  accessKey: string;
  /** The secret access key (SK) that signs; it is never sent. */
  secretKey: string;
}

const encoder = new TextEncoder();

// In Node, node:crypto hashes small inputs synchronously, many times faster than Web Crypto's async calls;
// it is found through process.getBuiltinModule, so browser bundles never see a `node:` import, and looked up
// by the first signature, not at module load (loading node:crypto is ~6 ms of a cold start).
// The one-shot hash (Node 20.12+) makes no Hash object: under load those cost ~7 µs per signed request,
// mostly in the garbage collector (bench/README.md). Other runtimes' node:crypto may lack it.
interface NodeHashing {
  crypto: typeof NodeCrypto;
  oneShotHash: typeof NodeCrypto.hash | undefined;
}
let nodeHashing: NodeHashing | null | undefined; // undefined: not looked up yet; null: no node:crypto here

function nodeCrypto(): NodeHashing | null {
  if (nodeHashing === undefined) {
    const crypto = (
      globalThis.process as { getBuiltinModule?: (id: string) => unknown } | undefined
    )?.getBuiltinModule?.('node:crypto') as typeof NodeCrypto | undefined;
    nodeHashing = crypto ? { crypto, oneShotHash: typeof crypto.hash === 'function' ? crypto.hash : undefined } : null;
  }
  return nodeHashing;
}

const subtle = () => {
  const api = globalThis.crypto?.subtle;
  if (!api)
    throw new Error('AK/SK signing needs Web Crypto (crypto.subtle): Node 20+ or a browser in a secure context.');
  return api;
};

function toHex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const node = nodeCrypto();
  if (node?.oneShotHash) return node.oneShotHash('sha256', data, 'hex');
  if (node) return node.crypto.createHash('sha256').update(data).digest('hex');
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  return toHex(await subtle().digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

// Importing a Web Crypto HMAC key is the costly part of signing; a client signs many requests with one secret.
const hmacKeys = new Map<string, Promise<CryptoKey>>();
const HMAC_KEY_CACHE_LIMIT = 16;
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = subtle().importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    if (hmacKeys.size >= HMAC_KEY_CACHE_LIMIT) hmacKeys.delete(hmacKeys.keys().next().value as string);
    hmacKeys.set(secret, key);
  }
  return key;
}

async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  const node = nodeCrypto();
  if (node) return node.crypto.createHmac('sha256', secret).update(message).digest('hex');
  return toHex(await subtle().sign('HMAC', await hmacKey(secret), encoder.encode(message)));
}

/** RFC 3986 percent-encoding, unreserved characters kept, upper-case hex (the official signer's urlEncode). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

// A client signs many requests in the same second: the last formatted second is kept.
let lastSecond = Number.NaN;
let lastSdkDate = '';

/** `20260102T030405Z`: the X-Sdk-Date format (UTC, basic ISO 8601, no fraction). */
export function formatSdkDate(date: Date): string {
  const second = Math.floor(date.getTime() / 1000);
  // An invalid date has NaN here, never equal: toISOString then throws its RangeError.
  if (second !== lastSecond) {
    lastSdkDate = `${date.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
    lastSecond = second;
  }
  return lastSdkDate;
}

/** Parses an X-Sdk-Date back into a Date, or undefined when it is not one. */
export function parseSdkDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const date = new Date(Date.UTC(y as number, (mo as number) - 1, d, h, mi, s));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function canonicalUri(pathname: string): string {
  const path = pathname.split('/').map(percentEncode).join('/');
  return path.endsWith('/') ? path : `${path}/`;
}

function canonicalQuery(search: URLSearchParams): string {
  const pairs: [string, string][] = [];
  for (const [key, value] of search) pairs.push([percentEncode(key), percentEncode(value)]);
  pairs.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([key, value]) => `${key}=${value}`).join('&');
}

/** The signed headers, lower-cased and sorted, `host` included. */
function headersToSign(url: URL, headers: Readonly<Record<string, string>>): [string, string][] {
  const lower = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) lower.set(name.toLowerCase(), value);
  if (!lower.has('host')) lower.set('host', url.host);
  return [...lower].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The canonical request and the list of signed header names, as the signature hashes them. */
export async function canonicalRequest(
  request: SignableRequest,
): Promise<{ canonical: string; signedHeaders: string }> {
  const url = typeof request.url === 'string' ? new URL(request.url) : request.url;
  return canonicalOver(request.method, url, headersToSign(url, request.headers), request.body);
}

/** The canonical request over exactly these (lower-case name, value) headers, in this order. */
async function canonicalOver(
  method: string,
  url: URL,
  headers: readonly [string, string][],
  body: string | Uint8Array | undefined,
): Promise<{ canonical: string; signedHeaders: string }> {
  const signedHeaders = headers.map(([name]) => name).join(';');
  const payloadHash = body === undefined || body.length === 0 ? EMPTY_BODY_SHA256 : await sha256Hex(body);
  const canonical = [
    method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQuery(url.searchParams),
    headers.map(([name, value]) => `${name}:${value}\n`).join(''),
    signedHeaders,
    payloadHash,
  ].join('\n');
  return { canonical, signedHeaders };
}

async function signature(
  canonicalized: Promise<{ canonical: string; signedHeaders: string }>,
  secretKey: string,
  sdkDate: string,
) {
  const { canonical, signedHeaders } = await canonicalized;
  const stringToSign = `${SIGNING_ALGORITHM}\n${sdkDate}\n${await sha256Hex(canonical)}`;
  return { signedHeaders, signature: await hmacSha256Hex(secretKey, stringToSign) };
}

/**
 * Signs a request. Returns the headers to add to it: `X-Sdk-Date` and `Authorization`. Every header passed
 * in `request.headers` (plus `host`) is signed, so pass exactly those that will be sent unchanged.
 */
export async function signRequest(
  request: SignableRequest,
  credentials: AccessKeyPair,
  now: Date = new Date(),
): Promise<{ 'X-Sdk-Date': string; Authorization: string }> {
  const sdkDate = formatSdkDate(now);
  const signed = await signature(
    canonicalRequest({ ...request, headers: { ...request.headers, [SDK_DATE_HEADER]: sdkDate } }),
    credentials.secretKey,
    sdkDate,
  );
  return {
    [SDK_DATE_HEADER]: sdkDate,
    Authorization: `${SIGNING_ALGORITHM} Access=${credentials.accessKey}, SignedHeaders=${signed.signedHeaders}, Signature=${signed.signature}`,
  };
}

/** The fields of an `SDK-HMAC-SHA256` Authorization header, or undefined when it is not one. */
export function parseAuthorization(
  header: string,
): { accessKey: string; signedHeaders: string[]; signature: string } | undefined {
  const match = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
    header.trim(),
  );
  if (!match) return undefined;
  return {
    accessKey: match[1] as string,
    signedHeaders: (match[2] as string).split(';'),
    signature: match[3] as string,
  };
}

/**
 * The headers a signature must cover: `x-sdk-date` always (it dates the signature), and the project, the
 * account and the temporary key's token whenever they are sent, since they decide what the request may do.
 * Every official SDK signs them; which other headers are signed (`host`, `content-type`, `user-agent`) varies
 * by SDK, and the gateway accepts each.
 */
export const HEADERS_SIGNED_WHEN_SENT: readonly string[] = [
  'x-sdk-date',
  'x-project-id',
  'x-domain-id',
  'x-security-token',
];

/**
 * The outcome of {@link verifyRequestSignature}. `unsigned-header`: `header` (lower-case) was sent, or is
 * `x-sdk-date`, and the signature does not cover it (see {@link HEADERS_SIGNED_WHEN_SENT}).
 */
export type SignatureCheck =
  | { valid: true; accessKey: string }
  | { valid: false; reason: 'missing' | 'malformed' | 'unknown-key' | 'stale-date' | 'mismatch'; accessKey?: string }
  | { valid: false; reason: 'unsigned-header'; header: string; accessKey: string };

/**
 * Verifies a signed request as the API gateway would: the Authorization header parses, the access key is
 * known, X-Sdk-Date is within `maxSkewMs` (15 minutes) of `now`, the signature covers
 * {@link HEADERS_SIGNED_WHEN_SENT}, and it matches over exactly the headers its `SignedHeaders` names (no
 * `host` added: Huawei's Go SDK signs none). `headers` are the received headers (lower-case names, as
 * node:http gives them).
 */
export async function verifyRequestSignature(
  request: {
    method: string;
    url: string | URL;
    headers: Readonly<Record<string, string | string[] | undefined>>;
    body?: Uint8Array | string;
  },
  secretKeyOf: (accessKey: string) => string | undefined,
  { now = new Date(), maxSkewMs = 15 * 60 * 1000 }: { now?: Date; maxSkewMs?: number } = {},
): Promise<SignatureCheck> {
  const header = request.headers.authorization;
  if (header === undefined) return { valid: false, reason: 'missing' };
  const parsed = parseAuthorization(String(header));
  if (!parsed) return { valid: false, reason: 'malformed' };
  const secretKey = secretKeyOf(parsed.accessKey);
  if (secretKey === undefined) return { valid: false, reason: 'unknown-key', accessKey: parsed.accessKey };

  const sdkDate = String(request.headers[SDK_DATE_HEADER.toLowerCase()] ?? '');
  const date = parseSdkDate(sdkDate);
  if (!date || Math.abs(now.getTime() - date.getTime()) > maxSkewMs) {
    return { valid: false, reason: 'stale-date', accessKey: parsed.accessKey };
  }
  const names = parsed.signedHeaders.map((name) => name.toLowerCase());
  for (const header of HEADERS_SIGNED_WHEN_SENT) {
    const sent = header === 'x-sdk-date' || request.headers[header] !== undefined;
    if (sent && !names.includes(header)) {
      return { valid: false, reason: 'unsigned-header', header, accessKey: parsed.accessKey };
    }
  }
  const signedHeaders: [string, string][] = [];
  for (const name of names) {
    const value = request.headers[name];
    if (value === undefined) return { valid: false, reason: 'mismatch', accessKey: parsed.accessKey };
    signedHeaders.push([name, Array.isArray(value) ? value.join(',') : value]);
  }
  const url = typeof request.url === 'string' ? new URL(request.url) : request.url;
  const expected = await signature(canonicalOver(request.method, url, signedHeaders, request.body), secretKey, sdkDate);
  return timingSafeEqual(expected.signature, parsed.signature)
    ? { valid: true, accessKey: parsed.accessKey }
    : { valid: false, reason: 'mismatch', accessKey: parsed.accessKey };
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
