// What every command shares: the client from flags and environment, the interrupt handling, the output of
// the restore point (text or --json) on stdout, and the failure report on stderr with its exit code.
import type { CbrClient, CheckpointCreate } from '@cbr-sdk/checkpoint';
import { clientFromOptions } from '../config/client.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io/cli-io.js';
import type { GlobalOptions, OutputOptions, WaitFlags } from '../options/command-options.js';
import { pollTiming } from '../options/poll-interval.js';
import { checkpointSummary } from '../output/checkpoint-summary.js';
import {
  errorDocument,
  exitCodeFor,
  type FailureContext,
  failureText,
  learnFromError,
  shortReason,
} from '../output/failure.js';
import { toJson } from '../output/json.js';
import { type Progress, startProgress } from '../output/progress.js';
import { writeStdout } from '../output/stdout.js';
import { forTerminal, paint, writeText } from '../output/terminal-text.js';
import { verboseHooks } from '../output/verbose.js';
import { watchInterrupts } from './interrupt.js';

/** What a command prints on stdout when it succeeds: the --json document, or the text for people. */
export interface CommandOutput {
  /** The --json document. */
  json: unknown;
  /** Marked for painting (terminal-text's `paint`); escaped and painted where it is written. */
  text: string;
}

/** What a command's body works with: the run's I/O, the client, the interrupt signal and what it knows so far. */
export interface Session {
  /** The run's streams and environment (stderr for the command's own lines). */
  readonly io: CliIo;
  /** The SDK client, made from the flags and the environment. */
  readonly client: CbrClient;
  /** Aborted on Ctrl-C or SIGTERM: passed to every SDK call. */
  readonly signal: AbortSignal;
  /** What is known so far, for the report if the command fails or is interrupted. */
  readonly context: FailureContext;
  /** Waits until the restore point is available, showing progress on stderr. */
  waitUntilAvailable(target: CheckpointCreate | string, flags: WaitFlags, created: boolean): Promise<CheckpointCreate>;
}

/**
 * Runs a command that ends with a restore point: prints it as the API returned it (or summarised; text or
 * --json), and reports any failure; resolves to the exit code.
 */
export function runSession(
  io: CliIo,
  command: FailureContext['command'],
  options: GlobalOptions & OutputOptions,
  body: (session: Session) => Promise<CheckpointCreate>,
): Promise<ExitCode> {
  return runCommand(io, command, options, async (session) => {
    const checkpoint = await body(session);
    session.context.checkpointId = checkpoint.id;
    session.context.checkpointStatus = checkpoint.status;
    return { json: checkpoint, text: checkpointSummary(checkpoint, paint) };
  });
}

/** Runs any command: the client, interrupts, its output on stdout, and its failure on stderr with the exit code. */
export async function runCommand(
  io: CliIo,
  command: FailureContext['command'],
  options: GlobalOptions & OutputOptions,
  body: (session: Session) => Promise<CommandOutput>,
): Promise<ExitCode> {
  const context: FailureContext = { json: options.json === true, command };
  let progress: Progress | undefined;
  let reported: ExitCode | undefined;
  const stderrLine = (line: string) => writeText(io.stderr, `${line}\n`, io.env);

  const fail = (error: unknown): ExitCode => {
    if (reported !== undefined) return reported;
    context.interruptedBy = interrupt.by;
    learnFromError(error, context);
    progress?.stopped(shortReason(error, context));
    progress = undefined;
    if (context.json) io.stderr.write(errorDocument(error, context));
    else writeText(io.stderr, failureText(error, context, paint), io.env);
    reported = exitCodeFor(error, context);
    return reported;
  };
  const interrupt = watchInterrupts(io, () => fail(new Error('interrupted')));

  try {
    const client = await clientFromOptions(options, {
      env: io.env,
      stdin: io.stdin,
      hooks: options.verbose ? verboseHooks(stderrLine) : undefined,
    });
    if (options.verbose) {
      // The project is not known yet with a password or AK/SK without --project-id: the SDK finds it.
      // The credential source is a name (`ECS metadata (http://169.254.169.254)`), never a value.
      const project = client.projectId ?? '(found on the first call)';
      stderrLine(
        `cbr: endpoint ${client.endpoint}, project ${project}, ${client.authentication} auth, credentials from ${client.credentialSource}`,
      );
    }
    const session: Session = {
      io,
      client,
      signal: interrupt.signal,
      context,
      async waitUntilAvailable(target, flags, created) {
        const id = typeof target === 'string' ? target : target.id;
        progress = await startProgress({
          checkpointId: id,
          initial: typeof target === 'string' ? undefined : target,
          waitForResources: flags.waitForResources === true,
          paint,
          stream: io.stderr,
          env: io.env,
        });
        if (typeof target !== 'string' && created) progress.created(target);
        const done = await client.checkpoints.waitUntilAvailable(id, {
          timeoutMs: flags.waitTimeout,
          ...pollTiming(flags.pollInterval),
          waitForResources: flags.waitForResources === true,
          signal: interrupt.signal,
          onStatus: (checkpoint) => {
            context.checkpointStatus = checkpoint.status;
            progress?.status(checkpoint);
          },
        });
        progress.succeeded(done);
        progress = undefined;
        return done;
      },
    };
    const output = await body(session);
    const text = context.json ? `${toJson(output.json, 2)}\n` : forTerminal(output.text, io.stdout, io.env);
    await writeStdout(io.stdout, text);
    return EXIT.ok;
  } catch (error) {
    return fail(error);
  } finally {
    interrupt.dispose();
  }
}
