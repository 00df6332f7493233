// How a failed command ends: its exit code, and what it says on stderr (a line for people, or one JSON
// document with --json). Messages come from the SDK's errors, which never hold a credential.
import {
  CbrApiError,
  CbrCheckpointFailedError,
  CbrConfigError,
  CbrError,
  CbrNetworkError,
  CbrValidationError,
  CbrWaitTimeoutError,
} from '@cbr-sdk/checkpoint';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { CliUsageError } from '../usage-error.js';
import { type Paint, paintStatus } from './color.js';

/** What the command knew when it failed. */
export interface FailureContext {
  json: boolean;
  /** The command that ran. */
  command: 'create' | 'get' | 'wait';
  /** The signal that interrupted the command, if one did. */
  interruptedBy?: NodeJS.Signals | undefined;
  /** The restore point the command created or waited for, once known. */
  checkpointId?: string | undefined;
  /** Its last status seen. */
  checkpointStatus?: string | undefined;
  /** A create request was sent and not answered (so a restore point may exist without an id known here). */
  createInFlight?: boolean;
}

export function exitCodeFor(error: unknown, context: FailureContext): ExitCode {
  if (context.interruptedBy) return EXIT.interrupted;
  if (error instanceof CliUsageError || error instanceof CbrConfigError || error instanceof CbrValidationError) {
    return EXIT.usage;
  }
  if (error instanceof CbrWaitTimeoutError) return EXIT.waitTimedOut;
  if (error instanceof CbrCheckpointFailedError) return EXIT.checkpointFailed;
  return EXIT.failed;
}

/** The `{"error":{…}}` document of --json: always the same keys (null when not known). */
export function errorDocument(error: unknown, context: FailureContext) {
  const api = error instanceof CbrApiError ? error : undefined;
  const interrupted = context.interruptedBy !== undefined;
  return {
    error: {
      name: interrupted ? 'Interrupted' : error instanceof Error ? error.name : 'Error',
      message: interrupted ? interruptedMessage(context) : messageOf(error),
      code: interrupted
        ? context.interruptedBy
        : (api?.code ??
          (error instanceof CbrNetworkError || error instanceof CliUsageError ? error.code : undefined) ??
          null),
      status: api?.status ?? null,
      requestId: api?.requestId ?? null,
      checkpointId: context.checkpointId ?? null,
      checkpointStatus: context.checkpointStatus ?? null,
      ...(error instanceof CbrValidationError ? { issues: error.issues } : {}),
    },
  };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function interruptedMessage(context: FailureContext): string {
  const id = context.checkpointId;
  if (id && context.command !== 'get') {
    const what = context.command === 'create' ? `restore point ${id} was created` : `restore point ${id}`;
    return `interrupted by ${context.interruptedBy}: ${what} (last status: ${context.checkpointStatus ?? 'unknown'}); follow it with: cbr checkpoint wait ${id}`;
  }
  if (context.createInFlight) {
    return `interrupted by ${context.interruptedBy} while the create request was in flight: a restore point may have been created; it was not sent again`;
  }
  return `interrupted by ${context.interruptedBy}`;
}

/** What the error itself says about the restore point (a wait's timeout or failure carries it). */
export function learnFromError(error: unknown, context: FailureContext): void {
  if (error instanceof CbrWaitTimeoutError) {
    context.checkpointId = error.checkpointId;
    context.checkpointStatus = error.lastStatus ?? context.checkpointStatus;
  } else if (error instanceof CbrCheckpointFailedError) {
    context.checkpointId = error.checkpointId;
    context.checkpointStatus = error.status;
  }
}

/** A few words for the end of a progress line. */
export function shortReason(error: unknown, context: FailureContext): string {
  if (context.interruptedBy) return `interrupted by ${context.interruptedBy}`;
  if (error instanceof CbrWaitTimeoutError) return 'timed out';
  if (error instanceof CbrCheckpointFailedError) return `it is ${error.status}`;
  return error instanceof Error ? error.name : 'failed';
}

/** Lines for people. */
export function failureText(error: unknown, context: FailureContext, paint: Paint): string {
  const lines: string[] = [];
  if (context.interruptedBy) {
    lines.push(`cbr: ${paint('yellow', interruptedMessage(context))}`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(`cbr: ${paint('red', 'error:')} ${messageOf(error)}`);
  if (error instanceof CbrWaitTimeoutError) {
    lines.push(
      `restore point ${error.checkpointId} is ${paintStatus(paint, error.lastStatus)}; keep waiting with: cbr checkpoint wait ${error.checkpointId}`,
    );
  } else if (error instanceof CbrConfigError) {
    lines.push(paint('dim', 'run `cbr --help` for the flags and environment variables that configure cbr'));
  } else if (!(error instanceof CbrError) && !(error instanceof CliUsageError) && error instanceof Error) {
    // Not one of the SDK's errors: a bug. Its stack helps the report (it holds no request data).
    lines.push(paint('dim', error.stack ?? ''));
  }
  return `${lines.join('\n')}\n`;
}
