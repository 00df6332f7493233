// What every command shares: the client from flags and environment, the interrupt handling, the output of
// the restore point (text or --json) on stdout, and the failure report on stderr with its exit code.
import type { CbrClient, CheckpointCreate } from '@cbr-sdk/checkpoint';
import { clientFromOptions } from '../config/client.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { GlobalOptions, OutputOptions, WaitFlags } from '../options/command-options.js';
import { checkpointSummary } from '../output/checkpoint-summary.js';
import { painterFor } from '../output/color.js';
import {
  errorDocument,
  exitCodeFor,
  type FailureContext,
  failureText,
  learnFromError,
  shortReason,
} from '../output/failure.js';
import { type Progress, startProgress } from '../output/progress.js';
import { verboseHooks } from '../output/verbose.js';
import { watchInterrupts } from './interrupt.js';

export interface Session {
  readonly client: CbrClient;
  readonly signal: AbortSignal;
  /** What is known so far, for the report if the command fails or is interrupted. */
  readonly context: FailureContext;
  /** Waits until the restore point is available, showing progress on stderr. */
  waitUntilAvailable(target: CheckpointCreate | string, flags: WaitFlags, created: boolean): Promise<CheckpointCreate>;
}

const stderrLine = (line: string) => process.stderr.write(`${line}\n`);

export async function runSession(
  command: FailureContext['command'],
  options: GlobalOptions & OutputOptions,
  body: (session: Session) => Promise<CheckpointCreate>,
): Promise<ExitCode> {
  const context: FailureContext = { json: options.json === true, command };
  const paintErr = painterFor(process.stderr);
  let progress: Progress | undefined;
  let reported: ExitCode | undefined;

  const fail = (error: unknown): ExitCode => {
    if (reported !== undefined) return reported;
    context.interruptedBy = interrupt.by;
    learnFromError(error, context);
    progress?.stopped(shortReason(error, context));
    progress = undefined;
    process.stderr.write(
      context.json ? `${JSON.stringify(errorDocument(error, context))}\n` : failureText(error, context, paintErr),
    );
    reported = exitCodeFor(error, context);
    return reported;
  };
  const interrupt = watchInterrupts(() => fail(new Error('interrupted')));

  try {
    const client = await clientFromOptions(options, {
      env: process.env,
      stdin: process.stdin,
      hooks: options.verbose ? verboseHooks(stderrLine) : undefined,
    });
    if (options.verbose) {
      // The project is not known yet with a password or AK/SK without --project-id: the SDK finds it.
      const project = client.projectId ?? '(found on the first call)';
      stderrLine(`cbr: endpoint ${client.endpoint}, project ${project}, ${client.authentication} auth`);
    }
    const session: Session = {
      client,
      signal: interrupt.signal,
      context,
      async waitUntilAvailable(target, flags, created) {
        const id = typeof target === 'string' ? target : target.id;
        progress = await startProgress({
          checkpointId: id,
          initial: typeof target === 'string' ? undefined : target,
          waitForResources: flags.waitForResources === true,
          paint: paintErr,
          stream: process.stderr,
          env: process.env,
        });
        if (typeof target !== 'string' && created) progress.created(target);
        const done = await client.checkpoints.waitUntilAvailable(id, {
          timeoutMs: flags.waitTimeout,
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
    const checkpoint = await body(session);
    process.stdout.write(
      context.json
        ? `${JSON.stringify(checkpoint, null, 2)}\n`
        : checkpointSummary(checkpoint, painterFor(process.stdout)),
    );
    return EXIT.ok;
  } catch (error) {
    return fail(error);
  } finally {
    interrupt.dispose();
  }
}
