// How a failed command ends: its exit code, and what it says on stderr (a line for people, or one JSON
// document with --json). Messages come from the SDK's errors, which never hold a credential.
import {
  CbrApiError,
  CbrBackupDeleteFailedError,
  CbrBackupWaitTimeoutError,
  CbrCheckpointFailedError,
  CbrConfigError,
  CbrError,
  CbrInvalidResponseError,
  CbrNetworkError,
  CbrServerError,
  CbrTimeoutError,
  CbrValidationError,
  CbrWaitTimeoutError,
} from '@cbr-sdk/checkpoint';
import { DeletionIncompleteError } from '../commands/delete-backups.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { CliUsageError } from '../usage-error.js';
import { type Paint, paintStatus } from './color.js';
import { errorDocumentLine, type PossiblyCreated } from './error-document.js';
import { StdoutError } from './stdout.js';

/** A create request as it was sent, for the report when its answer is lost. */
export interface CreateSent {
  /** The vault the create was for. */
  vaultId: string;
  /** The name given with --name, if any. */
  name?: string | undefined;
  /** When the create was sent. */
  sentAt: Date;
}

/** What the command knew when it failed. */
export interface FailureContext {
  /** --json was given: the failure is reported as a JSON document. */
  json: boolean;
  /** The command that ran. */
  command: 'create' | 'get' | 'wait' | 'backup list' | 'backup delete' | 'prune';
  /** The signal that interrupted the command, if one did. */
  interruptedBy?: NodeJS.Signals | undefined;
  /** The restore point the command created or waited for, once known. */
  checkpointId?: string | undefined;
  /** Its last status seen. */
  checkpointStatus?: string | undefined;
  /** A create request was sent and not answered yet (so a restore point may exist without an id known here). */
  createSent?: CreateSent | undefined;
}

/**
 * The exit code of a failed command: 130 interrupted, 2 usage, 3 wait timed out, 4 the restore point failed,
 * else 1 (see {@link EXIT}).
 */
export function exitCodeFor(error: unknown, context: FailureContext): ExitCode {
  if (context.interruptedBy) return EXIT.interrupted;
  if (error instanceof CliUsageError || error instanceof CbrConfigError || error instanceof CbrValidationError) {
    return EXIT.usage;
  }
  if (error instanceof CbrWaitTimeoutError || error instanceof CbrBackupWaitTimeoutError) return EXIT.waitTimedOut;
  if (error instanceof DeletionIncompleteError) return error.onlyTimedOut ? EXIT.waitTimedOut : EXIT.failed;
  if (error instanceof CbrCheckpointFailedError) return EXIT.checkpointFailed;
  return EXIT.failed;
}

/**
 * Whether the create may have been processed although its answer was lost: no answer in time, a connection
 * dropped after the request went out, a 2xx that cannot be read, a 5xx (the SDK sends a create once, so
 * these are final). A refusal (4xx) or a connection that never reached the service created nothing.
 */
function createAnswerLost(error: unknown): boolean {
  if (error instanceof CbrTimeoutError) return error.operation === 'createCheckpoint' && error.requestSent;
  if (error instanceof CbrNetworkError) return error.operation === 'createCheckpoint' && error.requestSent;
  if (error instanceof CbrInvalidResponseError || error instanceof CbrServerError) {
    return error.operation === 'createCheckpoint';
  }
  return false;
}

/** A word as the shell reads it back (names with spaces or quotes are quoted). */
const shellWord = (text: string) => (/^[\w.:/@%+=-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`);

function possiblyCreatedFacts(sent: CreateSent): PossiblyCreated {
  const byName = sent.name === undefined ? '' : ` --name ${shellWord(sent.name)}`;
  return {
    vaultId: sent.vaultId,
    name: sent.name ?? null,
    sentAt: sent.sentAt.toISOString(),
    lookup: `cbr backup list --vault ${shellWord(sent.vaultId)}${byName}`,
  };
}

/** The facts of a create whose answer was lost (or that was interrupted in flight), if this is one. */
function possiblyCreated(error: unknown, context: FailureContext): PossiblyCreated | undefined {
  const sent = context.createSent;
  if (!sent || (!context.interruptedBy && !createAnswerLost(error))) return undefined;
  return possiblyCreatedFacts(sent);
}

/** One sentence: it may exist, what it is known by, how to look for it before creating another. */
function possiblyCreatedSentence(facts: PossiblyCreated): string {
  const name = facts.name === null ? 'no name given' : `name ${facts.name}`;
  return `the restore point may have been created (vault ${facts.vaultId}, ${name}, create sent at ${facts.sentAt}); before creating another, look for it with: ${facts.lookup}`;
}

/** The `{"error":{…}}` line of --json: always the same keys (null when not known). */
export function errorDocument(error: unknown, context: FailureContext): string {
  const api = error instanceof CbrApiError ? error : undefined;
  const interrupted = context.interruptedBy !== undefined;
  const lost = possiblyCreated(error, context);
  const message = interrupted ? interruptedMessage(context) : messageOf(error, context);
  return errorDocumentLine(
    {
      name: interrupted ? 'Interrupted' : error instanceof Error ? error.name : 'Error',
      message: lost && !interrupted ? `${message}; ${possiblyCreatedSentence(lost)}` : message,
      code: interrupted
        ? context.interruptedBy
        : (api?.code ??
          (error instanceof CbrNetworkError || error instanceof CliUsageError || error instanceof StdoutError
            ? error.code
            : undefined)),
      status: api?.status,
      requestId: api?.requestId,
      checkpointId: context.checkpointId,
      checkpointStatus: context.checkpointStatus,
      possiblyCreated: lost,
    },
    extraFields(error),
  );
}

/** What an error adds to the document: a validation error's issues, an incomplete deletion's two lists. */
function extraFields(error: unknown): Record<string, unknown> {
  if (error instanceof CbrValidationError) return { issues: error.issues };
  if (error instanceof DeletionIncompleteError) return { deleted: error.deleted, notDeleted: error.notDeleted };
  if (error instanceof CbrBackupWaitTimeoutError || error instanceof CbrBackupDeleteFailedError) {
    return { backupId: error.backupId };
  }
  return {};
}

function messageOf(error: unknown, context: FailureContext): string {
  if (error instanceof StdoutError) return stdoutFailureMessage(error, context);
  return error instanceof Error ? error.message : String(error);
}

/** stdout failed after the work was done: say what was done, with the id, since stdout lost it. */
function stdoutFailureMessage(error: StdoutError, context: FailureContext): string {
  if (context.checkpointId === undefined) return `the output could not be written to stdout: ${error.message}`;
  const status = `status ${context.checkpointStatus ?? 'unknown'}`;
  const what =
    context.command === 'create'
      ? `restore point ${context.checkpointId} was created (${status})`
      : `restore point ${context.checkpointId} (${status})`;
  return `${what} but could not be written to stdout: ${error.message}`;
}

function interruptedMessage(context: FailureContext): string {
  const id = context.checkpointId;
  if (id && context.command !== 'get') {
    const what = context.command === 'create' ? `restore point ${id} was created` : `restore point ${id}`;
    return `interrupted by ${context.interruptedBy}: ${what} (last status: ${context.checkpointStatus ?? 'unknown'}); follow it with: cbr checkpoint wait ${id}`;
  }
  if (context.createSent) {
    const facts = possiblyCreatedFacts(context.createSent);
    return `interrupted by ${context.interruptedBy} while the create request was in flight (it was not sent again): ${possiblyCreatedSentence(facts)}`;
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

/** Lines for people (painted with terminal-text's `paint`; written through `writeText`). */
export function failureText(error: unknown, context: FailureContext, paint: Paint): string {
  const lines: string[] = [];
  if (context.interruptedBy) {
    lines.push(`cbr: ${paint('yellow', interruptedMessage(context))}`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(`cbr: ${paint('red', 'error:')} ${messageOf(error, context)}`);
  const lost = possiblyCreated(error, context);
  if (lost) {
    lines.push(paint('yellow', possiblyCreatedSentence(lost)));
  } else if (error instanceof CbrWaitTimeoutError) {
    lines.push(
      `restore point ${error.checkpointId} is ${paintStatus(paint, error.lastStatus)}; keep waiting with: cbr checkpoint wait ${error.checkpointId}`,
    );
  } else if (error instanceof CbrConfigError) {
    lines.push(paint('dim', 'run `cbr --help` for the flags and environment variables that configure cbr'));
  } else if (
    !(error instanceof CbrError) &&
    !(error instanceof CliUsageError) &&
    !(error instanceof StdoutError) &&
    error instanceof Error
  ) {
    // Not one of the SDK's errors: a bug. Its stack helps the report (it holds no request data).
    lines.push(paint('dim', error.stack ?? ''));
  }
  return `${lines.join('\n')}\n`;
}
