// The exit codes of `cbr`, documented in `cbr --help` and the README. Scripts depend on them: never renumber.
/** The exit codes of `cbr`, by meaning. */
export const EXIT = {
  /** Done: the restore point was created, read, or became available. */
  ok: 0,
  /** The service or the network failed: an API error, a timeout, a refused or dropped connection; or some backups were not deleted. */
  failed: 1,
  /** Usage, configuration or validation error: nothing was sent. */
  usage: 2,
  /** The wait timed out; the restore point's (or the backups') id and last status are printed. */
  waitTimedOut: 3,
  /** The restore point ended in `error` or `deleted` (or is being deleted). */
  checkpointFailed: 4,
  /** Interrupted by SIGINT (Ctrl-C) or SIGTERM. */
  interrupted: 130,
} as const;

/** One of the exit codes of `cbr`. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The table printed by `cbr --help`. */
export const EXIT_CODES_HELP = `Exit codes:
  0    done
  1    the service or the network failed (API error, timeout, connection); or some backups were not
       deleted (the error names those deleted and those not)
  2    usage, configuration or validation error (nothing was sent)
  3    the wait timed out (the restore point's id and last status are printed: \`cbr checkpoint wait <id>\` again;
       for backups being deleted, their ids)
  4    the restore point ended in error or deleted
  130  interrupted (Ctrl-C or SIGTERM)`;
