// The project the client works in: given, or found once and kept for the life of the client (the project of
// a password token, or the one project IAM lists under the region's name for AK/SK). One lookup at a time,
// however many calls wait for it; a failed lookup is tried again by the next call.
import { checkParameter } from '@cbr-sdk/checkpoint-api';
import { CbrConfigError, CbrInvalidResponseError, CbrTimeoutError } from '../errors/cbr-error.js';
import type { OperationId } from '../operations.js';
import { SingleFlight } from '../single-flight.js';
import { raceSignal, type WaitLimits } from '../transport/abort.js';

export class ProjectIdSource {
  #id: string | undefined;
  readonly #lookup = new SingleFlight<string>();
  readonly #discover: (() => Promise<string>) | undefined;
  readonly #operation: OperationId;

  /**
   * `discover` finds the project ID with the request `operation` (named when a caller's wait for it times
   * out). The lookup is shared: it is bounded by the client's own timeout, each caller's wait by its own.
   */
  constructor(
    given: string | undefined,
    discover?: () => Promise<string>,
    operation: OperationId = 'keystoneListProjects',
  ) {
    this.#id = given;
    this.#discover = discover;
    this.#operation = operation;
  }

  /** The project ID when it is known (given, or found already). */
  get known(): string | undefined {
    return this.#id;
  }

  /** The project ID, found first when it is not known yet; the wait ends at the caller's signal or timeout. */
  resolve(limits: WaitLimits = {}): Promise<string> {
    if (this.#id !== undefined) return Promise.resolve(this.#id);
    const discover = this.#discover;
    if (discover === undefined) return Promise.reject(new CbrConfigError('projectId is required'));
    const lookup = this.#lookup.run(() =>
      discover().then((id) => {
        this.#id = id;
        return id;
      }),
    );
    const operation = this.#operation;
    const { timeoutMs } = limits;
    return raceSignal(
      lookup,
      limits.signal,
      'resolveProjectId',
      timeoutMs === undefined
        ? undefined
        : { ms: timeoutMs, onTimeout: () => new CbrTimeoutError(operation, timeoutMs) },
    );
  }
}

/**
 * The one project of `ids` that IAM lists under the region's name. None or several is a configuration
 * problem (the region is not enabled for the account, or a subproject took its name): never guessed, and
 * never created (Huawei's Node core creates one).
 */
export function theRegionsProject(ids: readonly string[], region: string): string {
  if (ids.length !== 1) {
    throw new CbrConfigError(
      `cannot find the project ID of region ${region}: IAM lists ${ids.length} projects named "${region}" (exactly 1 expected). Check that the region is enabled for the account, or pass projectId`,
    );
  }
  const [id] = ids as [string];
  if (checkParameter('ProjectId', id).length > 0) {
    throw new CbrInvalidResponseError({
      operation: 'keystoneListProjects',
      status: 200,
      message: `the project of region ${region} has an ID that is not a valid CBR project ID`,
    });
  }
  return id;
}
