// The in-memory state of the mock: vaults with their resources, and the restore points created in them.
// A restore point's status is computed from the clock when read, so no timer runs (and none can dangle).
import { randomUUID } from 'node:crypto';
import type { CheckpointCreate, CheckpointCreateSkippedResource, VaultBackup } from '@cbr-sdk/checkpoint-api';
import { ERROR_CODES, HttpError } from './errors.js';
import { Queue } from './queue.js';

/** A resource a vault protects (a server, a disk, …). */
export interface MockResource {
  /** The resource's ID (a UUID in CBR). */
  id: string;
  /** The resource's name, e.g. `ecs-1f0f-0002`. */
  name: string;
  /** The resource type, e.g. `OS::Nova::Server`. */
  type: string;
  /** Allocated capacity in GB, as the API writes it (a string). Default `"40"`. */
  resource_size?: string;
}

/** A vault and the resources bound to it. */
export interface MockVault {
  /** The vault's ID, as a create's `vault_id` names it. */
  id: string;
  /** The vault's name. */
  name: string;
  /** The resources bound to the vault: what a create backs up unless it names some. */
  resources: MockResource[];
}

/** The vault of the seed page's example ("Creating a Restore Point"), the default content of the store. */
export const DEFAULT_VAULTS: readonly MockVault[] = [
  {
    id: '3b5816b5-f29c-4172-9d9a-76c719a659ce',
    name: 'vault-be94',
    resources: [
      {
        id: '94eba8b2-acc9-4d82-badc-127144cc5526',
        name: 'ecs-1f0f-0002',
        type: 'OS::Nova::Server',
        resource_size: '40',
      },
    ],
  },
];

/** A restore point as the store keeps it. */
export interface StoredCheckpoint {
  /** The restore point's ID (a UUID). */
  id: string;
  /** The project it was created in. */
  projectId: string;
  /** The vault it backs up. */
  vault: MockVault;
  /** The resources it backs up. */
  resources: MockResource[];
  /** The resources the create skipped (e.g. one already being backed up). */
  skipped: CheckpointCreateSkippedResource[];
  /** The backup's name (the create's, or one the store made up). */
  name: string;
  /** The backup's description (`""` when none was given). */
  description: string;
  /** When it was created (the store's clock). */
  createdAt: Date;
  /** `created_at` as the API writes it. */
  createdAtText: string;
  /** When set, the status it reports whatever the time (see {@link CheckpointStore.setStatus}). */
  pinnedStatus?: string;
}

/** `2019-05-10T07:59:12.733403`: UTC with microseconds and no zone, as CBR writes `created_at`. */
export function formatCreatedAt(date: Date): string {
  // A Date holds milliseconds; the last three digits only make the value look like CBR's.
  const micros = String(process.hrtime.bigint() % 1000n).padStart(3, '0');
  return `${date.toISOString().slice(0, 23)}${micros}`;
}

/** How many restore points a store keeps unless told otherwise (`maxCheckpoints`). */
export const DEFAULT_MAX_CHECKPOINTS = 100_000;

/**
 * The state of the mock: vaults, restore points, and how many restore points were really created.
 *
 * Everything a request does here takes the same time with ten or a million restore points stored: they are
 * found by id, whether a resource is being backed up is answered by an index by resource, and when the store
 * is full the restore point to forget is at the front of a queue.
 */
export class CheckpointStore {
  /** The vaults, by id. Tests may add or change vaults at any time. */
  readonly vaults = new Map<string, MockVault>();
  /** The most restore points kept; when a create would pass it, the oldest one that is done is forgotten. */
  readonly maxCheckpoints: number;
  readonly #checkpoints = new Map<string, StoredCheckpoint>();
  #created = 0;
  #forgotten = 0;

  // Whether a resource is being backed up. A restore point that no test pinned is `protecting` while
  // now - createdAt < availableAfterMs, so of those holding a resource the one created last is protecting if
  // any is: the index keeps that one per resource, and the ones a test pinned to `protecting`.
  readonly #newestByResource = new Map<string, StoredCheckpoint>();
  readonly #pinnedProtectingByResource = new Map<string, Set<StoredCheckpoint>>();

  // What to forget first. Restore points finish in the order they were created (unless a test pins a
  // status), so the oldest one is at the front of #byAge, and it is done unless every one is still
  // protecting. Those pinned by a test: done ones in #pinnedDone, protecting ones in #pinnedProtecting.
  // Entries of restore points already forgotten, or pinned since, are dropped when they reach the front.
  readonly #byAge = new Queue<StoredCheckpoint>();
  readonly #pinnedDone = new Queue<StoredCheckpoint>();
  readonly #pinnedProtecting = new Queue<StoredCheckpoint>();

  constructor(
    vaults: readonly MockVault[],
    /** How long a restore point stays `protecting` before it is `available`, in milliseconds. */
    public availableAfterMs: number,
    private readonly now: () => Date,
    /** The most restore points kept (default {@link DEFAULT_MAX_CHECKPOINTS}); `Infinity` for no bound. */
    maxCheckpoints: number = DEFAULT_MAX_CHECKPOINTS,
  ) {
    if (!(maxCheckpoints === Number.POSITIVE_INFINITY || (Number.isInteger(maxCheckpoints) && maxCheckpoints >= 1))) {
      throw new RangeError(`maxCheckpoints must be a positive integer or Infinity (got ${String(maxCheckpoints)})`);
    }
    this.maxCheckpoints = maxCheckpoints;
    for (const vault of vaults) this.vaults.set(vault.id, structuredClone(vault));
  }

  /** The restore points kept, by id (read-only: change one through {@link setStatus}). */
  get checkpoints(): ReadonlyMap<string, StoredCheckpoint> {
    return this.#checkpoints;
  }

  /** How many restore points were created since the start (or the last {@link reset}). */
  get createdCount(): number {
    return this.#created;
  }

  /** How many restore points were forgotten to stay within `maxCheckpoints` (since the start or {@link reset}). */
  get forgottenCount(): number {
    return this.#forgotten;
  }

  /** Forgets every restore point and sets the counts back to 0; the vaults stay. */
  reset(): void {
    this.#checkpoints.clear();
    this.#newestByResource.clear();
    this.#pinnedProtectingByResource.clear();
    this.#byAge.clear();
    this.#pinnedDone.clear();
    this.#pinnedProtecting.clear();
    this.#created = 0;
    this.#forgotten = 0;
  }

  /** Makes a restore point report `status` from now on, e.g. `error`, or a status the spec does not know yet. */
  setStatus(checkpointId: string, status: string): void {
    const checkpoint = this.#checkpoints.get(checkpointId);
    if (!checkpoint) throw new Error(`no restore point ${checkpointId}`);
    checkpoint.pinnedStatus = status;
    for (const resource of checkpoint.resources) {
      const pinned = this.#pinnedProtectingByResource.get(resource.id);
      if (status === 'protecting') {
        if (pinned) pinned.add(checkpoint);
        else this.#pinnedProtectingByResource.set(resource.id, new Set([checkpoint]));
      } else if (pinned?.delete(checkpoint) && pinned.size === 0) {
        this.#pinnedProtectingByResource.delete(resource.id);
      }
    }
    (status === 'protecting' ? this.#pinnedProtecting : this.#pinnedDone).push(checkpoint);
  }

  /** The status a restore point has now. */
  statusOf(checkpoint: StoredCheckpoint): string {
    if (checkpoint.pinnedStatus !== undefined) return checkpoint.pinnedStatus;
    const elapsed = this.now().getTime() - checkpoint.createdAt.getTime();
    return elapsed >= this.availableAfterMs ? 'available' : 'protecting';
  }

  /**
   * Backs up a vault: the request's resources (or all of the vault's), minus those skipped. Throws an
   * {@link HttpError} when the vault does not exist or nothing is left to back up. The body must already
   * conform to the spec. When the store is full, the oldest restore point that is done is forgotten first.
   */
  create(projectId: string, backup: VaultBackup): StoredCheckpoint {
    const vault = this.vaults.get(backup.vault_id);
    if (!vault) throw new HttpError(400, ERROR_CODES.vaultNotFound, 'Vault Not Found');

    const { resources, skipped } = this.#select(vault, backup);
    if (resources.length === 0) {
      throw new HttpError(400, ERROR_CODES.nothingToBackUp, 'No resource available for backup');
    }
    while (this.#checkpoints.size >= this.maxCheckpoints && this.#forgetOne());

    const createdAt = this.now();
    const id = randomUUID();
    const checkpoint: StoredCheckpoint = {
      id,
      projectId,
      vault,
      resources,
      skipped,
      // CBR names a manual backup it was not given a name for; any name of the same look serves.
      name: backup.parameters?.name ?? `manualbk_${id.slice(0, 4)}`,
      description: backup.parameters?.description ?? '',
      createdAt,
      createdAtText: formatCreatedAt(createdAt),
    };
    this.#checkpoints.set(id, checkpoint);
    this.#byAge.push(checkpoint);
    for (const resource of resources) {
      const newest = this.#newestByResource.get(resource.id);
      // The later created_at wins (a test's clock may have been set back): that one finishes last.
      if (!newest || newest.createdAt.getTime() <= createdAt.getTime()) {
        this.#newestByResource.set(resource.id, checkpoint);
      }
    }
    this.#created += 1;
    return checkpoint;
  }

  /** The restore point with this id in this project, or undefined. */
  find(projectId: string, checkpointId: string): StoredCheckpoint | undefined {
    const checkpoint = this.#checkpoints.get(checkpointId);
    return checkpoint?.projectId === projectId ? checkpoint : undefined;
  }

  /**
   * The restore point as the API returns it (`checkpoint` of `CheckpointCreateResp`), in the seed's key order.
   * `justCreated`: the answer to its creation, which CBR always gives as `protecting`.
   */
  view(checkpoint: StoredCheckpoint, { justCreated = false } = {}): CheckpointCreate {
    const status = justCreated && checkpoint.pinnedStatus === undefined ? 'protecting' : this.statusOf(checkpoint);
    return {
      status,
      created_at: checkpoint.createdAtText,
      vault: {
        skipped_resources: checkpoint.skipped,
        id: checkpoint.vault.id,
        resources: checkpoint.resources.map((resource) => ({
          name: resource.name,
          resource_size: resource.resource_size ?? '40',
          // A resource is protected once its restore point is done; until then it is being backed up.
          protect_status: status === 'protecting' ? 'protecting' : status === 'available' ? 'available' : 'error',
          type: resource.type,
          id: resource.id,
          extra_info: null,
        })),
        name: checkpoint.vault.name,
      },
      project_id: checkpoint.projectId,
      id: checkpoint.id,
      extra_info: { retention_duration: -1, name: checkpoint.name, description: checkpoint.description },
    };
  }

  /** Splits the requested resources into those to back up and those skipped (with CBR's code and reason). */
  #select(vault: MockVault, backup: VaultBackup) {
    const parameters = backup.parameters ?? {};
    const requested: { id: string; type?: string; name?: string }[] = [
      ...(parameters.resources ?? []).map((id) => ({ id })),
      ...(parameters.resource_details ?? []),
    ];
    // Neither list given: the whole vault, as CBR does.
    const wanted = parameters.resources || parameters.resource_details ? requested : vault.resources;

    const resources: MockResource[] = [];
    const skipped: CheckpointCreateSkippedResource[] = [];
    const seen = new Set<string>();
    const skip = (item: { id: string; type?: string; name?: string }, code: string, reason: string) =>
      skipped.push({ id: item.id, type: item.type ?? '', name: item.name ?? '', code, reason });

    for (const item of wanted) {
      const resource = vault.resources.find((candidate) => candidate.id === item.id);
      if (seen.has(item.id)) {
        skip(item, ERROR_CODES.duplicateResource, 'Duplicate resource in the request');
      } else if (!resource) {
        const elsewhere = [...this.vaults.values()].some((other) => other.resources.some((r) => r.id === item.id));
        if (elsewhere) skip(item, ERROR_CODES.inAnotherVault, 'Resource is bound to another vault');
        else skip(item, ERROR_CODES.resourceMismatch, 'Resource is not bound to the vault');
      } else if (item.type !== undefined && item.type !== resource.type) {
        skip({ ...resource, ...item }, ERROR_CODES.resourceMismatch, 'Resource type does not match');
      } else if (this.#beingBackedUp(resource.id)) {
        skip(resource, ERROR_CODES.beingBackedUp, 'Resource is being backed up');
      } else {
        resources.push({ ...resource }); // a copy: a test may change the vault later
      }
      seen.add(item.id);
    }
    return { resources, skipped };
  }

  #beingBackedUp(resourceId: string): boolean {
    const newest = this.#newestByResource.get(resourceId);
    if (newest && this.statusOf(newest) === 'protecting') return true;
    return this.#pinnedProtectingByResource.has(resourceId);
  }

  #isKept(checkpoint: StoredCheckpoint): boolean {
    return this.#checkpoints.get(checkpoint.id) === checkpoint;
  }

  /**
   * Forgets one restore point: the oldest that is done (finished, or pinned by a test to another status than
   * `protecting`); when every one is still protecting, the oldest of them, so the bound always holds.
   */
  #forgetOne(): boolean {
    let oldest = this.#byAge.peek();
    // Skipped for good: the forgotten, and those pinned to `protecting` (#pinnedProtecting has them).
    while (oldest && (!this.#isKept(oldest) || oldest.pinnedStatus === 'protecting')) {
      this.#byAge.shift();
      oldest = this.#byAge.peek();
    }
    if (oldest && this.statusOf(oldest) !== 'protecting') {
      this.#forget(this.#byAge.shift() as StoredCheckpoint);
      return true;
    }
    for (let pinned = this.#pinnedDone.shift(); pinned; pinned = this.#pinnedDone.shift()) {
      if (this.#isKept(pinned) && this.statusOf(pinned) !== 'protecting') {
        this.#forget(pinned);
        return true;
      }
    }
    if (oldest) {
      this.#forget(this.#byAge.shift() as StoredCheckpoint);
      return true;
    }
    for (let pinned = this.#pinnedProtecting.shift(); pinned; pinned = this.#pinnedProtecting.shift()) {
      if (this.#isKept(pinned)) {
        this.#forget(pinned);
        return true;
      }
    }
    return false; // not reached: every restore point kept is in one of the queues
  }

  #forget(checkpoint: StoredCheckpoint): void {
    this.#checkpoints.delete(checkpoint.id);
    for (const resource of checkpoint.resources) {
      if (this.#newestByResource.get(resource.id) === checkpoint) this.#newestByResource.delete(resource.id);
      const pinned = this.#pinnedProtectingByResource.get(resource.id);
      if (pinned?.delete(checkpoint) && pinned.size === 0) this.#pinnedProtectingByResource.delete(resource.id);
    }
    this.#forgotten += 1;
  }
}
