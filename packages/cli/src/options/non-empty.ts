// An empty value on the command line (`--endpoint ''`, often an unset variable in a script) is a mistake to
// name, not a value: passed on, it would let the environment's value through or blame a missing variable.
import { InvalidArgumentError } from 'commander';

/** The value, or an InvalidArgumentError (a usage error, exit 2, naming the flag) when empty or blank. */
export function nonEmpty(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('it must not be empty.');
  return value;
}
