// The temporary access keys the mock hands out (from the metadata service, IAM's securitytokens route and pod
// identity), and the gateway's check of a request signed with one. As with IAM tokens, nothing is stored:
// the secret key is derived from the access key with a key made at start, and the security token carries
// the access key, the expiry and the revocation generation, sealed. So a long-running mock keeps no key table,
// and a key of another mock instance (or a forged one) is refused.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Which route issued a temporary key. */
export type TemporaryKeySource = 'metadata' | 'iam' | 'pod-identity';

/** A temporary access key, as issued. */
export interface IssuedTemporaryKey {
  /** The temporary access key ID (AK), starting with `HSTMOCK`. */
  accessKey: string;
  /** Its secret key (SK). A secret. */
  secretKey: string;
  /** The security token to send with it as `X-Security-Token` (a few KB). A secret. */
  securityToken: string;
  /** Milliseconds since the epoch (the mock's clock). */
  expiresAt: number;
}

interface SealedClaims {
  accessKey: string;
  expiresAt: number;
  generation: number;
  source: TemporaryKeySource;
}

/** Temporary access keys start so (20 characters, upper case, like Huawei's); permanent ones given in `accessKeys` should not. */
const ACCESS_KEY_PREFIX = 'HSTMOCK';
const TOKEN_PREFIX = 'gQ';
// Huawei's security tokens are a few KB: large enough that a client's header limits show up in tests.
const FILLER_BYTES = 1536;

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/**
 * The temporary access keys the mock issues (metadata, IAM, pod identity): sealed like its tokens, so the
 * gateway checks one without a table; they expire, and can be revoked all at once.
 */
export class TemporaryKeys {
  readonly #key = randomBytes(32);
  readonly #now: () => Date;
  #generation = 0;
  #issued = 0;

  constructor(now: () => Date) {
    this.#now = now;
  }

  /** How many temporary keys were issued since the start (or the last reset), by every route. */
  get issuedCount(): number {
    return this.#issued;
  }

  /** Every temporary key issued so far is refused from now on (what detaching an agency does). */
  revoke(): void {
    this.#generation += 1;
  }

  /** Forgets the issued count (keys stay valid). */
  reset(): void {
    this.#issued = 0;
  }

  /** A new temporary key, valid for `ttlMs` from now. */
  issue(ttlMs: number, source: TemporaryKeySource): IssuedTemporaryKey {
    const accessKey = `${ACCESS_KEY_PREFIX}${randomBytes(10).toString('hex').toUpperCase()}`.slice(0, 20);
    const expiresAt = this.#now().getTime() + ttlMs;
    const claims: SealedClaims = { accessKey, expiresAt, generation: this.#generation, source };
    const payload = base64url(JSON.stringify(claims));
    const securityToken = `${TOKEN_PREFIX}${payload}.${this.#mac('token', payload)}.${base64url(randomBytes(FILLER_BYTES))}`;
    this.#issued += 1;
    return { accessKey, secretKey: this.#secret(accessKey), securityToken, expiresAt };
  }

  /** The secret key of an access key that looks like one of ours (it may still be refused by {@link check}). */
  secretFor(accessKey: string): string | undefined {
    return accessKey.startsWith(ACCESS_KEY_PREFIX) ? this.#secret(accessKey) : undefined;
  }

  /**
   * Why a request whose signature by the temporary key `accessKey` is valid must still be refused, or
   * undefined when it may pass: the security token must be sent, be among the signed headers, be the one
   * issued with this key, and the key must be neither expired nor revoked.
   */
  check(accessKey: string, securityToken: string | undefined, signedHeaders: readonly string[]): string | undefined {
    if (!securityToken) return 'the security token is missing (X-Security-Token)';
    if (!signedHeaders.includes('x-security-token')) return 'X-Security-Token is not among the signed headers';
    const claims = this.#open(securityToken);
    if (!claims || claims.accessKey !== accessKey) return 'the security token does not belong to this access key';
    if (this.#now().getTime() >= claims.expiresAt) {
      return `the temporary access key expired, expires_at: ${new Date(claims.expiresAt).toISOString()}`;
    }
    if (claims.generation !== this.#generation) return 'the temporary access key has been revoked';
    return undefined;
  }

  #open(token: string): SealedClaims | undefined {
    if (!token.startsWith(TOKEN_PREFIX)) return undefined;
    const [payload = '', mac = ''] = token.slice(TOKEN_PREFIX.length).split('.');
    const expected = Buffer.from(this.#mac('token', payload));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SealedClaims;
    } catch {
      return undefined;
    }
  }

  #secret(accessKey: string): string {
    return this.#mac('secret', accessKey).slice(0, 40);
  }

  #mac(purpose: string, value: string): string {
    return createHmac('sha256', this.#key).update(`${purpose}\u0000${value}`).digest('base64url');
  }
}
