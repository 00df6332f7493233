// Values that travel as HTTP header values (a token, an access key in Authorization, a security token, the
// project ID in X-Project-Id, the User-Agent) are checked where they enter the SDK, so that no transport is
// ever handed one it refuses (Node's http.request throws on a control character or one above U+00FF, fetch on
// others). The rule is printable ASCII, the same for every transport and for the signature: a Latin-1 byte
// that Node would send is read differently by each server and signed differently by each SDK.
import { CbrConfigError } from '../errors/cbr-error.js';

// Visible ASCII, with spaces and tabs inside but not at either end (HTTP trims those on the wire).
const HEADER_VALUE = /^[\x21-\x7e](?:[\t\x20-\x7e]*[\x21-\x7e])?$/;
const NOT_ALLOWED = /[^\t\x20-\x7e]/;

/** Whether `value` can be sent as an HTTP header value as it is: a non-empty string of printable ASCII. */
export function isHeaderValue(value: unknown): value is string {
  return typeof value === 'string' && HEADER_VALUE.test(value);
}

/**
 * `value` when it can be sent as a header value; else a CbrConfigError naming `option`. The message says
 * where the offending character is, and shows it only when the value is not `secret`.
 */
export function checkHeaderValue(option: string, value: unknown, secret = false): string {
  if (isHeaderValue(value)) return value;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CbrConfigError(`${option} must be a non-empty string`);
  }
  const at = value.search(NOT_ALLOWED);
  if (at === -1) throw new CbrConfigError(`${option} must not start or end with spaces or tabs`);
  const code = (value.codePointAt(at) as number).toString(16).toUpperCase().padStart(4, '0');
  throw new CbrConfigError(
    `${option} has a character that cannot be sent in an HTTP header (${secret ? '' : `U+${code} `}at position ${at}): only printable ASCII is allowed`,
  );
}

/**
 * A token (or another secret read from a file or a variable) ready to send: surrounding whitespace, such as
 * the trailing newline of `readFile`, is trimmed; what remains must be a header value (checkHeaderValue).
 */
export function checkToken(option: string, value: unknown): string {
  return checkHeaderValue(option, typeof value === 'string' ? value.trim() : value, true);
}
