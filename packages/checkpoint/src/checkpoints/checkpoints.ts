// cbr.checkpoints: create a restore point, read it, wait until it is available.
import {
  type CheckpointCreate,
  CheckpointsApiAxiosParamCreator,
  type OperationId,
  type RequestArgs,
  type VaultBackup,
} from '@cbr-sdk/checkpoint-api';
import type { Authenticator } from '../auth/authenticator.js';
import { milliseconds } from '../config/check-options.js';
import type { ProjectIdSource } from '../config/project-id.js';
import type { RawResponse } from '../errors/from-response.js';
import { buildRequest } from '../transport/build-request.js';
import type { RequestSender } from '../transport/request-sender.js';
import type { PreparedRequest } from '../transport/transport.js';
import { assertMatchesSchema, assertValidPathParameter } from '../validation/validate-input.js';
import { readCheckpoint } from './read-checkpoint.js';
import { type WaitOptions, waitUntilAvailable } from './wait-until-available.js';

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

export interface CheckpointsContext {
  endpoint: string;
  project: ProjectIdSource;
  authenticator: Authenticator;
  sender: RequestSender;
  extraHeaders: Readonly<Record<string, string>>;
  requestTimeoutMs: number;
}

/** The restore-point operations, as `client.checkpoints`: create, get, and wait until available. */
export class Checkpoints {
  readonly #context: CheckpointsContext;
  readonly #build: ReturnType<typeof CheckpointsApiAxiosParamCreator>;
  /** What a 401 does: renew the SDK's own token (password credentials), else nothing. Bound once, not per call. */
  readonly #renew: ((request: PreparedRequest) => boolean) | undefined;

  /** @internal Made by CbrClient, which owns the context: use `client.checkpoints`. */
  constructor(context: CheckpointsContext) {
    this.#context = context;
    this.#build = CheckpointsApiAxiosParamCreator(context.authenticator.configuration);
    this.#renew = context.authenticator.renewAfterRejection?.bind(context.authenticator);
  }

  /**
   * Backs up a vault: creates a restore point (POST /v3/{project_id}/checkpoints). `params` is sent as the
   * `checkpoint` of the request body, exactly as given. The input is checked against the spec first; an
   * invalid one throws CbrValidationError and nothing is sent. Not retried after it may have reached the
   * service, so it never creates two restore points.
   */
  async create(params: VaultBackup, options: CallOptions = {}): Promise<CheckpointCreate> {
    assertMatchesSchema('createCheckpoint input', 'VaultBackup', params);
    return this.#send(
      'createCheckpoint',
      false,
      (projectId) => this.#build.createCheckpoint(projectId, { checkpoint: params }),
      options,
    );
  }

  /** Reads a restore point (GET /v3/{project_id}/checkpoints/{checkpoint_id}). Retried on transient failures. */
  async get(checkpointId: string, options: CallOptions = {}): Promise<CheckpointCreate> {
    assertValidPathParameter('showCheckpoint input', 'CheckpointId', 'checkpointId', checkpointId);
    return this.#send(
      'showCheckpoint',
      true,
      (projectId) => this.#build.showCheckpoint(projectId, checkpointId),
      options,
    );
  }

  /**
   * Polls the restore point until its status is `available` (and, with `waitForResources`, every resource's
   * `protect_status`). Rejects with CbrCheckpointFailedError when it ends in `error` or `deleted`, with
   * CbrWaitTimeoutError (carrying the last status) at the deadline, and with CbrAbortError on `signal`.
   */
  async waitUntilAvailable(checkpointId: string, options: WaitOptions = {}): Promise<CheckpointCreate> {
    assertValidPathParameter('waitUntilAvailable input', 'CheckpointId', 'checkpointId', checkpointId);
    return waitUntilAvailable(
      checkpointId,
      (call) => this.get(checkpointId, call),
      this.#context.requestTimeoutMs,
      options,
    );
  }

  async #send(
    operation: OperationId,
    idempotent: boolean,
    build: (projectId: string) => Promise<RequestArgs>,
    options: CallOptions,
  ): Promise<CheckpointCreate> {
    const { sender, authenticator, endpoint, extraHeaders, project, requestTimeoutMs } = this.#context;
    const { signal } = options;
    // What bounds every wait of the call: each request, and each wait for the project ID or a token.
    const limits = { signal, timeoutMs: milliseconds('timeoutMs', options.timeoutMs, requestTimeoutMs) };
    return sender.send({
      operation,
      idempotent,
      ...limits,
      read: (response: RawResponse, secrets) => readCheckpoint(operation, response, secrets),
      prepare: async () => {
        const projectId = project.known ?? (await project.resolve(limits));
        const request = await buildRequest(operation, endpoint, () => build(projectId), extraHeaders);
        return authenticator.authenticate(request, { ...limits, projectId, operation });
      },
      renew: this.#renew,
    });
  }

  /** Shown by console.log / util.inspect: where it points, never how it authenticates. */
  [Symbol.for('nodejs.util.inspect.custom')]() {
    const projectId = this.#context.project.known;
    return `Checkpoints { endpoint: '${this.#context.endpoint}', projectId: ${projectId === undefined ? 'undefined' : `'${projectId}'`} }`;
  }
}
