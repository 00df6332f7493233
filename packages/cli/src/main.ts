// Entry of `cbr` (bin/cbr.cjs calls main). Parses the command line; a command sets the exit code itself.
// What is left here are commander's own outcomes: help and version (exit 0) and usage errors (exit 2), and
// stdout failures outside a command (help written to a full disk). Everything outside cbr (streams,
// environment, exit code, signals) is the run's CliIo: the real process unless a caller passes its own.
import { type Command, CommanderError } from 'commander';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io/cli-io.js';
import { processIo } from './io/process-io.js';
import { errorDocumentLine } from './output/error-document.js';
import { alreadyReported } from './output/stdout.js';
import { writeText } from './output/terminal-text.js';
import { buildProgram } from './program.js';

const SUCCESS_CODES = new Set(['commander.helpDisplayed', 'commander.version']);

/** Follows commander into subcommands, so that a usage error names the command. */
function trackCommandPath(command: Command, path: Command[]): void {
  if (command.commands.length === 0) return;
  command.hook('preSubcommand', (_parent, sub) => {
    path.push(sub);
  });
  for (const sub of command.commands) trackCommandPath(sub, path);
}

/**
 * `--json` anywhere on the line (before a `--`) makes every error a JSON document, even a usage error found
 * before commander has reached the --json (`cbr checkpoint get abc --timeout bad --json`).
 */
const wantsJson = (args: readonly string[]) => {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).includes('--json');
};

/** Reports an error of cbr's own (not of a command) on stderr: one JSON line with --json, else text. */
function reportError(
  io: CliIo,
  json: boolean,
  name: string,
  message: string,
  code: string | undefined,
  textHint = '',
): void {
  if (json) io.stderr.write(errorDocumentLine({ name, message, code }));
  else writeText(io.stderr, `cbr: ${message}\n${textHint}`, io.env);
}

/**
 * A reader that went away (`cbr … | head -1`, EPIPE) is not an error of cbr: stop quietly, with the exit code
 * so far. Any other failure (ENOSPC) is, and is reported in one line, unless the command writing reported it.
 */
function watchStdout(io: CliIo, json: boolean): void {
  io.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') io.exit(io.exitCode ?? EXIT.ok);
    if (alreadyReported(error)) return;
    io.exitCode = EXIT.failed;
    reportError(io, json, 'StdoutError', `could not write to stdout: ${error.message}`, error.code);
  });
}

/**
 * Runs `cbr` with its arguments (without node and the script); sets the exit code of `io`. `io` defaults to
 * the real process (its streams, environment, exit code and signals); each call builds its own program.
 */
export async function main(args: string[], io: CliIo = processIo()): Promise<void> {
  const json = wantsJson(args);
  watchStdout(io, json);
  const program = buildProgram({ json, io });
  const path: Command[] = [program];
  trackCommandPath(program, path);
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) {
      // A command reports its own failures; anything reaching here is a bug in cbr itself.
      io.exitCode = EXIT.failed;
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      reportError(io, json, 'InternalError', `internal error: ${detail}`, undefined);
      return;
    }
    // Help asked for (`--help`, `cbr help checkpoint`), or the version: exit 0.
    if (SUCCESS_CODES.has(error.code) || (error.code === 'commander.help' && error.exitCode === 0)) {
      // Unless writing it failed already (a full disk), reported by watchStdout.
      io.exitCode ??= EXIT.ok;
      return;
    }
    io.exitCode = EXIT.usage;
    const name = path.map((c) => c.name()).join(' ');
    if (error.code === 'commander.help') {
      // `cbr` or `cbr checkpoint` alone: commander has shown the help on stderr (not with --json).
      if (json) reportError(io, json, 'UsageError', `a command is needed: run \`${name} --help\``, error.code);
      return;
    }
    const message = error.message.replace(/^error: /, '');
    reportError(io, json, 'UsageError', message, error.code, `(run \`${name} --help\` for usage)\n`);
  }
}
