// One CBR operation, as every resource (restore points, backups) sends it: the project (given or found),
// the generated request builder, authentication, then the sender's attempt loop.
import type { OperationId, RequestArgs } from '@cbr-sdk/checkpoint-api';
import type { Authenticator } from '../auth/authenticator.js';
import { milliseconds } from '../config/check-options.js';
import type { ProjectIdSource } from '../config/project-id.js';
import type { CbrError } from '../errors/cbr-error.js';
import type { RawResponse } from '../errors/from-response.js';
import { buildRequest } from './build-request.js';
import type { RequestSender } from './request-sender.js';
import type { PreparedRequest } from './transport.js';

/** Per-call options. */
export interface CallOptions {
  /**
   * Cancels the call: its requests, its retries and its pauses, and its waits for a token or the project ID
   * (a token request shared with other calls goes on for them). The call then rejects with CbrAbortError.
   */
  signal?: AbortSignal;
  /**
   * Timeout of each HTTP request of this call, and of each wait for a token (a token function, IAM) or the
   * project ID, in milliseconds: a whole number from 1 to 2^31 − 1 (CbrConfigError otherwise, before anything
   * is sent). Default: the client's `timeoutMs`.
   */
  timeoutMs?: number;
}

/** What the resources of a client share (made once by CbrClient). */
export interface ApiContext {
  endpoint: string;
  project: ProjectIdSource;
  authenticator: Authenticator;
  sender: RequestSender;
  extraHeaders: Readonly<Record<string, string>>;
  requestTimeoutMs: number;
}

export interface Operation<T> {
  operation: OperationId;
  /** Whether resending after an ambiguous failure is harmless (see retry-policy.ts). */
  idempotent: boolean;
  /** The generated builder's request, for the project. */
  build: (projectId: string) => Promise<RequestArgs>;
  /** Reads a 2xx answer; `secrets` (the request's credentials) must not reach the error it may throw. */
  read: (response: RawResponse, secrets?: readonly string[]) => T;
  /** See Call.afterResend in request-sender.ts. */
  afterResend?: (error: CbrError) => Promise<{ value: T } | undefined>;
}

/** Sends operations for one client; a 401's renewal is bound once, not per call. */
export class OperationSender {
  readonly context: ApiContext;
  /** What a 401 does: renew the SDK's own token (password credentials), else nothing. */
  readonly #renew: ((request: PreparedRequest) => boolean) | undefined;

  constructor(context: ApiContext) {
    this.context = context;
    this.#renew = context.authenticator.renewAfterRejection?.bind(context.authenticator);
  }

  send<T>(op: Operation<T>, options: CallOptions): Promise<T> {
    const { sender, authenticator, endpoint, extraHeaders, project, requestTimeoutMs } = this.context;
    const { operation } = op;
    // What bounds every wait of the call: each request, and each wait for the project ID or a token.
    const limits = {
      signal: options.signal,
      timeoutMs: milliseconds('timeoutMs', options.timeoutMs, requestTimeoutMs),
    };
    return sender.send({
      operation,
      idempotent: op.idempotent,
      ...limits,
      read: op.read,
      prepare: async () => {
        const projectId = project.known ?? (await project.resolve(limits));
        const request = await buildRequest(operation, endpoint, () => op.build(projectId), extraHeaders);
        return authenticator.authenticate(request, { ...limits, projectId, operation });
      },
      renew: this.#renew,
      afterResend: op.afterResend,
    });
  }

  /** Shown by console.log / util.inspect: where it points, never how it authenticates. */
  describe(name: string): string {
    const projectId = this.context.project.known;
    return `${name} { endpoint: '${this.context.endpoint}', projectId: ${projectId === undefined ? 'undefined' : `'${projectId}'`} }`;
  }
}
