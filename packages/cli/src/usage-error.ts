// A usage error found after commander parsed the command line (an empty --token-stdin, a flag that needs
// another): exit code 2, nothing sent.
/** A usage error cbr found itself (after commander): exit code 2, nothing sent. */
export class CliUsageError extends Error {
  /** Always `'UsageError'`, as commander's usage errors are reported. */
  override name = 'UsageError';
  /** A commander error code (`commander.unknownOption`) or one of ours (`cbr.tokenStdinEmpty`). */
  readonly code: string;

  constructor(message: string, code: string) {
    super(message);
    this.code = code;
  }
}
