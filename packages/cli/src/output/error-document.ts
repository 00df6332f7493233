// The `{"error":{…}}` document of --json, for every error of cbr (usage errors included): always the same
// keys, null where not known, as the README documents. No import of the SDK: usage errors are reported
// before it is loaded.
import { toJson } from './json.js';

/** What a create that may have succeeded is known by (its answer was lost), and how to look for it. */
export interface PossiblyCreated {
  /** The vault the create was for. */
  vaultId: string;
  /** The name given with --name; null when none was (the service then names it). */
  name: string | null;
  /** When the create was sent, ISO 8601 in UTC. */
  sentAt: string;
  /** The command that lists what it may have made. */
  lookup: string;
}

/** The facts of an error, as given to {@link errorDocumentLine}; what is left out is written as null. */
export interface ErrorFields {
  /** The kind of error, e.g. `CbrApiError`, `UsageError`, `Interrupted`. */
  name: string;
  /** What went wrong, in one line. */
  message: string;
  /** Huawei's error code, a system error code or a commander code. Default: null. */
  code?: string | null | undefined;
  /** The HTTP status of an API error. Default: null. */
  status?: number | null | undefined;
  /** The request ID of an API error, for Huawei support. Default: null. */
  requestId?: string | null | undefined;
  /** The restore point the command created or waited for, once known. Default: null. */
  checkpointId?: string | null | undefined;
  /** Its last status seen. Default: null. */
  checkpointStatus?: string | null | undefined;
  /** A create whose answer was lost: how to find what it may have made. Default: null. */
  possiblyCreated?: PossiblyCreated | null | undefined;
}

/** One line: the error document, with every documented key, then any `extra` (a validation error's issues). */
export function errorDocumentLine(fields: ErrorFields, extra: Record<string, unknown> = {}): string {
  const error = {
    name: fields.name,
    message: fields.message,
    code: fields.code ?? null,
    status: fields.status ?? null,
    requestId: fields.requestId ?? null,
    checkpointId: fields.checkpointId ?? null,
    checkpointStatus: fields.checkpointStatus ?? null,
    possiblyCreated: fields.possiblyCreated ?? null,
    ...extra,
  };
  return `${toJson({ error })}\n`;
}
