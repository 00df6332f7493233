// The tokens the mock's IAM issues: opaque, several KB, starting with `MII` like IAM's (base64 of a CMS
// structure), and verifiable without keeping them: the project, user and expiry are inside, sealed with an
// HMAC under a key made when the server starts. So a long-running mock holds no token table, and a token of
// another mock instance (or a forged one) is told apart from one of this instance.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a token says about itself. */
export interface TokenClaims {
  /** The ID of the project the token is scoped to. */
  projectId: string;
  /** That project's name, e.g. `cn-north-4`. */
  projectName: string;
  /** The ID of the user it was issued to. */
  userId: string;
  /** That user's name. */
  userName: string;
  /** The ID of the user's account (domain). */
  domainId: string;
  /** That account's name. */
  domainName: string;
  /** Milliseconds since the epoch (the mock's clock). */
  issuedAt: number;
  /** When it expires: milliseconds since the epoch (the mock's clock). */
  expiresAt: number;
  /** The revocation generation it was issued in (see MockIam.revokeTokens). */
  generation: number;
}

const PREFIX = 'MII';
// About the size of a real token without a catalog (~6 KB): big enough to find header-size limits in tests.
const FILLER_BYTES = 4096;

/** The range of `iamTokenSize`, in characters: room for the sealed claims, and within the mock's header limit. */
export const TOKEN_SIZE_LIMITS = { min: 1024, max: 120_000 } as const;

export class TokenSealer {
  readonly #key = randomBytes(32);
  readonly #size: number | undefined;

  /** `size`: every token is exactly this many characters (a filler pads it); default about 6 000. */
  constructor(size?: number) {
    this.#size = size;
  }

  /** Whether `token` looks like one of ours (it may still be forged, expired or from another instance). */
  static looksIssued(token: string): boolean {
    return token.startsWith(PREFIX) && token.split('-').length === 3;
  }

  seal(claims: TokenClaims): string {
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64');
    const sealed = `${PREFIX}${payload}-${this.#mac(payload)}-`;
    if (this.#size === undefined) return `${sealed}${randomBytes(FILLER_BYTES).toString('base64')}`;
    // Base64 never holds a `-`, so the filler cannot be mistaken for a separator.
    const fillerLength = Math.max(0, this.#size - sealed.length);
    return `${sealed}${randomBytes(Math.ceil((fillerLength * 3) / 4))
      .toString('base64')
      .slice(0, fillerLength)}`;
  }

  /** The claims of a token this instance sealed, or undefined for anything else. */
  open(token: string): TokenClaims | undefined {
    if (!TokenSealer.looksIssued(token)) return undefined;
    // A token of the configured size that arrives shorter was cut on the way (the filler is not sealed).
    if (this.#size !== undefined && token.length !== this.#size) return undefined;
    const [head = '', mac = ''] = token.split('-');
    const payload = head.slice(PREFIX.length);
    const expected = Buffer.from(this.#mac(payload));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      return JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as TokenClaims;
    } catch {
      return undefined;
    }
  }

  #mac(payload: string): string {
    return createHmac('sha256', this.#key).update(payload).digest('base64');
  }
}
