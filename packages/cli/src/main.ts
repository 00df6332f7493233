// Entry of `cbr` (bin/cbr.cjs calls main). Parses the command line; a command sets process.exitCode itself.
// What is left here are commander's own outcomes: help and version (exit 0) and usage errors (exit 2).
import { type Command, CommanderError } from 'commander';
import { EXIT } from './exit-codes.js';
import { buildProgram } from './program.js';

const SUCCESS_CODES = new Set(['commander.helpDisplayed', 'commander.version']);

/** Follows commander into subcommands, so that a usage error names the command and knows about its --json. */
function trackCommandPath(command: Command, path: Command[]): void {
  if (command.commands.length === 0) return;
  command.hook('preSubcommand', (_parent, sub) => {
    path.push(sub);
  });
  for (const sub of command.commands) trackCommandPath(sub, path);
}

/** A reader that went away (`cbr … | head -1`) is not an error of cbr: stop quietly, with the exit code so far. */
function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? EXIT.ok);
  });
}

export async function main(args: string[]): Promise<void> {
  exitQuietlyOnClosedPipe(process.stdout);
  const program = buildProgram();
  const path: Command[] = [program];
  trackCommandPath(program, path);
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) {
      // A command reports its own failures; anything reaching here is a bug in cbr itself.
      process.exitCode = EXIT.failed;
      process.stderr.write(`cbr: internal error: ${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
      return;
    }
    if (SUCCESS_CODES.has(error.code)) {
      process.exitCode = EXIT.ok;
      return;
    }
    // `cbr` or `cbr checkpoint` alone: commander has shown the help on stderr; that is a usage error too.
    process.exitCode = EXIT.usage;
    if (error.code === 'commander.help') return;
    const message = error.message.replace(/^error: /, '');
    const command = path[path.length - 1] as Command;
    if (command.opts().json === true) {
      const body = { name: 'UsageError', message, code: error.code, status: null, requestId: null };
      process.stderr.write(`${JSON.stringify({ error: body })}\n`);
    } else {
      const name = path.map((c) => c.name()).join(' ');
      process.stderr.write(`cbr: ${message}\n(run \`${name} --help\` for usage)\n`);
    }
  }
}
