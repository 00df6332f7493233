// --retention: how many days the restore point's backups are kept (`retention_duration_days`), or `forever`
// (-1, the service's default). Only the form is checked here; the range (and that it cannot go with
// --auto-trigger) is the spec's, checked by the SDK before anything is sent.
import { InvalidArgumentError } from 'commander';

/** Days as an integer, -1 for `forever` or `-1`; a usage error (exit 2, naming the flag) otherwise. */
export function parseRetention(text: string): number {
  const value = text.trim();
  if (value === 'forever') return -1;
  if (!/^-?\d+$/.test(value)) {
    throw new InvalidArgumentError('expected a number of days (e.g. 7), or forever (or -1) to keep the backups.');
  }
  return Number(value);
}
