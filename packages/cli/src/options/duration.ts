// Durations on the command line: `90s`, `15m`, `1h`, `500ms`, or milliseconds as a bare number.
import { InvalidArgumentError } from 'commander';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
/** Node's timers hold at most 2^31 - 1 ms (about 24.8 days); a longer one would fire at once. */
export const MAX_DURATION_MS = 2_147_483_647;
const PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/;
const ACCEPTED = 'expected a duration such as 90s, 15m, 1h, 500ms, or milliseconds as a number.';

/** Milliseconds of a duration; throws InvalidArgumentError (a usage error, exit 2) naming what is accepted. */
export function parseDuration(text: string): number {
  if (text.trim() === '') throw new InvalidArgumentError(`it must not be empty: ${ACCEPTED}`);
  const match = PATTERN.exec(text.trim());
  const [, amount, unit] = match ?? [];
  if (amount === undefined || (unit === undefined && amount.includes('.'))) {
    throw new InvalidArgumentError(ACCEPTED);
  }
  const ms = Math.round(Number(amount) * UNIT_MS[(unit ?? 'ms') as keyof typeof UNIT_MS]);
  if (ms < 1) throw new InvalidArgumentError('the duration must be at least 1 ms.');
  if (ms > MAX_DURATION_MS) throw new InvalidArgumentError('the duration must be at most 24 days (2147483647 ms).');
  return ms;
}
