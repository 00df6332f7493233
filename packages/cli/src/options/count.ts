// A count on the command line (prune's --keep): a whole number, 0 or more.
import { InvalidArgumentError } from 'commander';

/** The count; a usage error (exit 2, naming the flag) when it is not a whole number. */
export function parseCount(text: string): number {
  const value = text.trim();
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError('expected a whole number, 0 or more.');
  }
  return Number(value);
}
