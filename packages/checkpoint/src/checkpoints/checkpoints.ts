// cbr.checkpoints: create a restore point, read it, wait until it is available.
import { type CheckpointCreate, CheckpointsApiAxiosParamCreator, type VaultBackup } from '@cbr-sdk/checkpoint-api';
import type { RawResponse } from '../errors/from-response.js';
import { type ApiContext, type CallOptions, OperationSender } from '../transport/operation.js';
import { assertMatchesSchema, assertValidPathParameter } from '../validation/validate-input.js';
import { readCheckpoint } from './read-checkpoint.js';
import { type WaitOptions, waitUntilAvailable } from './wait-until-available.js';

export type { CallOptions } from '../transport/operation.js';

/** The restore-point operations, as `client.checkpoints`: create, get, and wait until available. */
export class Checkpoints {
  readonly #operations: OperationSender;
  readonly #build: ReturnType<typeof CheckpointsApiAxiosParamCreator>;

  /** @internal Made by CbrClient, which owns the context: use `client.checkpoints`. */
  constructor(context: ApiContext) {
    this.#operations = new OperationSender(context);
    this.#build = CheckpointsApiAxiosParamCreator(context.authenticator.configuration);
  }

  /**
   * Backs up a vault: creates a restore point (POST /v3/{project_id}/checkpoints). `params` is sent as the
   * `checkpoint` of the request body, exactly as given. The input is checked against the spec first (every
   * field's rule, and the rules that span fields, such as `retention_duration_days` with `auto_trigger`); an
   * invalid one throws CbrValidationError and nothing is sent. Not retried after it may have reached the
   * service, so it never creates two restore points. Its backups: `client.backups.list({ checkpoint_id })`.
   */
  async create(params: VaultBackup, options: CallOptions = {}): Promise<CheckpointCreate> {
    assertMatchesSchema('createCheckpoint input', 'VaultBackup', params);
    return this.#operations.send(
      {
        operation: 'createCheckpoint',
        idempotent: false,
        build: (projectId) => this.#build.createCheckpoint(projectId, { checkpoint: params }),
        read: (response: RawResponse, secrets) => readCheckpoint('createCheckpoint', response, secrets),
      },
      options,
    );
  }

  /** Reads a restore point (GET /v3/{project_id}/checkpoints/{checkpoint_id}). Retried on transient failures. */
  async get(checkpointId: string, options: CallOptions = {}): Promise<CheckpointCreate> {
    assertValidPathParameter('showCheckpoint input', 'CheckpointId', 'checkpointId', checkpointId);
    return this.#operations.send(
      {
        operation: 'showCheckpoint',
        idempotent: true,
        build: (projectId) => this.#build.showCheckpoint(projectId, checkpointId),
        read: (response: RawResponse, secrets) => readCheckpoint('showCheckpoint', response, secrets),
      },
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
      this.#operations.context.requestTimeoutMs,
      options,
    );
  }

  /** Shown by console.log / util.inspect: where it points, never how it authenticates. */
  [Symbol.for('nodejs.util.inspect.custom')]() {
    return this.#operations.describe('Checkpoints');
  }
}
