// The in-memory state of the mock: vaults with their resources, the restore points created in them, and their
// backups (one per resource). Statuses are computed from the clock when read, and what time removes (a finished
// delete, an expired retention) is taken out of a time-ordered heap when the store is next used: no timer runs
// (and none can dangle).
import { randomUUID } from 'node:crypto';
import type {
  BackupListResp,
  BackupResp,
  CheckpointCreate,
  CheckpointCreateSkippedResource,
  VaultBackup,
} from '@cbr-sdk/checkpoint-api';
import {
  type BackupQuery,
  backupStatus,
  backupView,
  type ListedBackup,
  matches,
  page,
  type StoredBackup,
} from './backups.js';
import { ERROR_CODES, HttpError } from './errors.js';
import { Queue } from './queue.js';
import { TimeHeap } from './time-heap.js';

/** A resource a vault protects (a server, a disk, …). */
export interface MockResource {
  /** The resource's ID (a UUID in CBR). */
  id: string;
  /** The resource's name, e.g. `ecs-1f0f-0002`. */
  name: string;
  /** The resource type, e.g. `OS::Nova::Server`. */
  type: string;
  /** Allocated capacity in GB, as the API writes it (a string). Default `"40"`. A backup of it uses as much. */
  resource_size?: string;
  /** Availability zone of the resource (a backup's `resource_az`); default none (`null`). */
  availability_zone?: string;
}

/** A vault and the resources bound to it. */
export interface MockVault {
  /** The vault's ID, as a create's `vault_id` names it. */
  id: string;
  /** The vault's name. */
  name: string;
  /** The resources bound to the vault: what a create backs up unless it names some. */
  resources: MockResource[];
  /**
   * Capacity in GB; default unbounded. Each backup uses its resource's size until it is gone; a create whose
   * backups do not fit answers 400 BackupService.6114.
   */
  size?: number;
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
  /** `retention_duration_days` of the request: days its backups are kept, -1 for ever. */
  retentionDays: number;
  /** `auto_trigger` of the request: an automatic backup (a policy's) rather than a manual one. */
  autoTrigger: boolean;
  /** `incremental` of the request. */
  incremental: boolean;
  /** Its backups that are not gone, one per resource (a delete in progress still counts). */
  backups: StoredBackup[];
}

/** Timings of a store, besides `availableAfterMs`. */
export interface StoreTimings {
  /** How long a deleted backup stays `deleting` before it is gone; default 1000 ms (0 allowed). */
  deletedAfterMs?: number;
  /** How long one day of `retention_duration_days` lasts, in ms; default a real day. Tests shorten it. */
  retentionDayMs?: number;
}

/** The default {@link StoreTimings}. */
export const DEFAULT_DELETED_AFTER_MS = 1000;
/** A real day, the default length of a retention day. */
export const DAY_MS = 86_400_000;

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
  /** How long a deleted backup stays `deleting` before it is gone. */
  deletedAfterMs: number;
  /** How long one day of retention lasts, in ms. */
  retentionDayMs: number;
  readonly #checkpoints = new Map<string, StoredCheckpoint>();
  #created = 0;
  #forgotten = 0;

  // The backups, by id, and by the filters of listBackups that narrow a list most (a list reads only the
  // backups of its most selective filter: a restore point's, a resource's, a vault's). Sets, so that a
  // removal is constant-time. The GB each vault's backups use, kept as they come and go.
  readonly #backups = new Map<string, StoredBackup>();
  // Keyed by project too (`indexKey`), so that an index holds exactly what a list of that project may show and
  // its size is the list's count.
  readonly #backupsByResource = new Map<string, Set<StoredBackup>>();
  readonly #backupsByVault = new Map<string, Set<StoredBackup>>();
  readonly #backupsByProject = new Map<string, Set<StoredBackup>>();
  // Whether every backup was created no earlier than the one before (a test's clock may go back): then an
  // index's insertion order is the order of creation, and the default order of a list is its reverse.
  #createdInOrder = true;
  #lastCreatedAt = Number.NEGATIVE_INFINITY;
  readonly #usedGb = new Map<string, number>();
  // What time removes: a finished delete, an expired retention; taken when due, at the next use of the store.
  readonly #removals = new TimeHeap<StoredBackup>();
  #backupSequence = 0;

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
    /** How long deletes and retention days last (defaults: {@link DEFAULT_DELETED_AFTER_MS}, a real day). */
    timings: StoreTimings = {},
  ) {
    this.deletedAfterMs = timings.deletedAfterMs ?? DEFAULT_DELETED_AFTER_MS;
    this.retentionDayMs = timings.retentionDayMs ?? DAY_MS;
    for (const [name, value] of Object.entries({
      deletedAfterMs: this.deletedAfterMs,
      retentionDayMs: this.retentionDayMs,
    })) {
      if (!(Number.isFinite(value) && value >= 0))
        throw new RangeError(`${name} must be a non-negative number (got ${value})`);
    }
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

  /** How many backups are kept (a delete in progress still counts). */
  get backupCount(): number {
    this.#sweep();
    return this.#backups.size;
  }

  /** The GB a vault's backups use now (each backup its resource's size, until it is gone). */
  usedGb(vaultId: string): number {
    this.#sweep();
    return this.#usedGb.get(vaultId) ?? 0;
  }

  /** Forgets every restore point and sets the counts back to 0; the vaults stay. */
  reset(): void {
    this.#checkpoints.clear();
    this.#backups.clear();
    this.#backupsByResource.clear();
    this.#backupsByVault.clear();
    this.#backupsByProject.clear();
    this.#createdInOrder = true;
    this.#lastCreatedAt = Number.NEGATIVE_INFINITY;
    this.#usedGb.clear();
    this.#removals.clear();
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

  /** Makes a backup report `status` from now on (until it is deleted), e.g. `restoring` or `error`. */
  setBackupStatus(backupId: string, status: string): void {
    const backup = this.#backups.get(backupId);
    if (!backup) throw new Error(`no backup ${backupId}`);
    backup.pinnedStatus = status;
  }

  /** The status a restore point has now; `deleting` once every backup it has left is being deleted. */
  statusOf(checkpoint: StoredCheckpoint): string {
    if (checkpoint.pinnedStatus !== undefined) return checkpoint.pinnedStatus;
    if (checkpoint.backups.length > 0 && checkpoint.backups.every((backup) => backup.deleteRequestedAt)) {
      return 'deleting';
    }
    const elapsed = this.now().getTime() - checkpoint.createdAt.getTime();
    return elapsed >= this.availableAfterMs ? 'available' : 'protecting';
  }

  /** The status a backup has now. */
  backupStatusOf(backup: StoredBackup): string {
    const { checkpoint } = backup;
    // Its restore point's own status, without the "every backup deleting" rule (that is this backup's to say).
    const status =
      checkpoint.pinnedStatus ??
      (this.now().getTime() - checkpoint.createdAt.getTime() >= this.availableAfterMs ? 'available' : 'protecting');
    return backupStatus(backup, status);
  }

  /** The backup with this id in this project, or undefined (also once it is gone). */
  findBackup(projectId: string, backupId: string): StoredBackup | undefined {
    this.#sweep();
    const backup = this.#backups.get(backupId);
    return backup?.checkpoint.projectId === projectId ? backup : undefined;
  }

  /** The backup as the API returns it (`backup` of `BackupGetResp`). */
  backupView(backup: StoredBackup): BackupResp {
    return backupView(backup, {
      status: this.backupStatusOf(backup),
      protectedAt: new Date(backup.checkpoint.createdAt.getTime() + this.availableAfterMs),
    });
  }

  /**
   * One page of listBackups. Reads only the backups of the query's most selective indexed filter
   * (`checkpoint_id`, then `resource_id`, then `vault_id`; all of the project's without one), so a restore
   * point's backups are listed in the same time however many restore points are stored.
   */
  listBackups(projectId: string, query: BackupQuery): BackupListResp {
    this.#sweep();
    let candidates: Iterable<StoredBackup>;
    if (query.checkpoint_id !== undefined) {
      candidates = this.#checkpoints.get(query.checkpoint_id)?.backups ?? [];
    } else if (query.resource_id !== undefined) {
      candidates = this.#backupsByResource.get(indexKey(projectId, query.resource_id)) ?? [];
    } else if (query.vault_id !== undefined) {
      candidates = this.#backupsByVault.get(indexKey(projectId, query.vault_id)) ?? [];
    } else {
      candidates = this.#backupsByProject.get(projectId) ?? [];
    }
    // A page of one index in the default order (all of a vault's, a resource's or a project's backups, newest
    // first): its count is the index's size, and only the page's backups are read and shown.
    if (candidates instanceof Set && this.#createdInOrder && isPlainPage(query)) {
      return {
        backups: this.#plainPage(candidates, query).map((backup) => this.backupView(backup)),
        count: candidates.size,
      };
    }
    const listed: ListedBackup[] = [];
    for (const backup of candidates) {
      if (backup.checkpoint.projectId !== projectId) continue;
      let view: BackupResp | undefined;
      const item: ListedBackup = {
        backup,
        status: this.backupStatusOf(backup),
        view: () => {
          view ??= this.backupView(backup);
          return view;
        },
      };
      if (matches(item, query)) listed.push(item);
    }
    const count = listed.length;
    return { backups: page(listed, query).map((item) => item.view()), count };
  }

  /**
   * Starts deleting a backup: it is `deleting` for {@link deletedAfterMs}, then gone; its restore point goes
   * with its last backup. Throws an {@link HttpError}: 404 (BackupService.6200) when there is no such backup
   * (any more), 400 (CSBS.2003) while it is being made or restored. A delete of a backup already `deleting`
   * is accepted again (a resent delete), without restarting it.
   */
  deleteBackup(projectId: string, backupId: string): void {
    const backup = this.findBackup(projectId, backupId);
    if (!backup) throw new HttpError(404, ERROR_CODES.backupNotFound, 'Backup Not Found');
    if (backup.deleteRequestedAt) return;
    const status = this.backupStatusOf(backup);
    if (BUSY_BACKUP_STATUSES.has(status)) {
      throw new HttpError(400, ERROR_CODES.backupBusy, `The backup is ${status}; it cannot be deleted now`);
    }
    const now = this.now();
    backup.deleteRequestedAt = now;
    this.#removals.push(now.getTime() + this.deletedAfterMs, backup);
  }

  /**
   * Backs up a vault: the request's resources (or all of the vault's), minus those skipped. Throws an
   * {@link HttpError} when the vault does not exist or nothing is left to back up. The body must already
   * conform to the spec. When the store is full, the oldest restore point that is done is forgotten first.
   */
  create(projectId: string, backup: VaultBackup): StoredCheckpoint {
    this.#sweep();
    const vault = this.vaults.get(backup.vault_id);
    if (!vault) throw new HttpError(400, ERROR_CODES.vaultNotFound, 'Vault Not Found');

    const { resources, skipped } = this.#select(vault, backup);
    if (resources.length === 0) {
      throw new HttpError(400, ERROR_CODES.nothingToBackUp, 'No resource available for backup');
    }
    while (this.#checkpoints.size >= this.maxCheckpoints && this.#forgetOne());
    const neededGb = resources.reduce((sum, resource) => sum + sizeOf(resource), 0);
    const usedGb = this.#usedGb.get(vault.id) ?? 0;
    if (vault.size !== undefined && usedGb + neededGb > vault.size) {
      throw new HttpError(
        400,
        ERROR_CODES.capacityExceeded,
        `Vault capacity exceeded: ${usedGb} GB of ${vault.size} GB used, the backup needs ${neededGb} GB`,
      );
    }

    const createdAt = this.now();
    const id = randomUUID();
    const parameters = backup.parameters ?? {};
    const retentionDays = parameters.retention_duration_days ?? -1;
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
      retentionDays,
      autoTrigger: parameters.auto_trigger ?? false,
      incremental: parameters.incremental ?? true,
      backups: [],
    };
    const expiresAt =
      retentionDays > 0 ? new Date(createdAt.getTime() + retentionDays * this.retentionDayMs) : undefined;
    for (const resource of resources) {
      const stored: StoredBackup = {
        id: randomUUID(),
        checkpoint,
        resource,
        sizeGb: sizeOf(resource),
        sequence: this.#backupSequence++,
        ...(expiresAt ? { expiresAt } : {}),
      };
      checkpoint.backups.push(stored);
      this.#addBackup(stored);
      if (expiresAt) this.#removals.push(expiresAt.getTime(), stored);
    }
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
    this.#sweep();
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
        resources: checkpoint.backups.map(({ resource }) => ({
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
      extra_info: {
        retention_duration: checkpoint.retentionDays,
        name: checkpoint.name,
        description: checkpoint.description,
      },
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

  /** Newest first, `offset` then `limit`: walks the set from the start (no view built) up to the page's end. */
  #plainPage(backups: Set<StoredBackup>, query: BackupQuery): StoredBackup[] {
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 1000;
    // In insertion order, the page is [size - offset - limit, size - offset), reversed.
    const end = backups.size - offset;
    const start = Math.max(0, end - limit);
    const page: StoredBackup[] = [];
    if (end <= 0) return page;
    let index = 0;
    for (const backup of backups) {
      if (index >= end) break;
      if (index >= start) page.push(backup);
      index += 1;
    }
    return page.reverse();
  }

  #addBackup(backup: StoredBackup): void {
    const { projectId } = backup.checkpoint;
    const createdAt = backup.checkpoint.createdAt.getTime();
    if (createdAt < this.#lastCreatedAt) this.#createdInOrder = false;
    this.#lastCreatedAt = Math.max(this.#lastCreatedAt, createdAt);
    this.#backups.set(backup.id, backup);
    addTo(this.#backupsByResource, indexKey(projectId, backup.resource.id), backup);
    addTo(this.#backupsByVault, indexKey(projectId, backup.checkpoint.vault.id), backup);
    addTo(this.#backupsByProject, projectId, backup);
    const vaultId = backup.checkpoint.vault.id;
    this.#usedGb.set(vaultId, (this.#usedGb.get(vaultId) ?? 0) + backup.sizeGb);
  }

  /** Drops a backup from the indexes and its vault's usage (not from its restore point's list). */
  #dropBackup(backup: StoredBackup): void {
    if (this.#backups.get(backup.id) !== backup) return;
    this.#backups.delete(backup.id);
    const { projectId } = backup.checkpoint;
    removeFrom(this.#backupsByResource, indexKey(projectId, backup.resource.id), backup);
    removeFrom(this.#backupsByVault, indexKey(projectId, backup.checkpoint.vault.id), backup);
    removeFrom(this.#backupsByProject, projectId, backup);
    const vaultId = backup.checkpoint.vault.id;
    const used = (this.#usedGb.get(vaultId) ?? 0) - backup.sizeGb;
    if (used > 0) this.#usedGb.set(vaultId, used);
    else this.#usedGb.delete(vaultId);
  }

  /** Takes out what time has removed: backups whose delete finished or whose retention ran out. */
  #sweep(): void {
    const now = this.now().getTime();
    for (let backup = this.#removals.popDue(now); backup; backup = this.#removals.popDue(now)) {
      if (this.#backups.get(backup.id) !== backup) continue; // already gone (forgotten, or deleted then expired)
      // A delete's entry is due at its request + deletedAfterMs, a retention's at expiresAt: either removes it.
      this.#dropBackup(backup);
      const { checkpoint } = backup;
      checkpoint.backups = checkpoint.backups.filter((other) => other !== backup);
      // The restore point goes with its last backup, as the service does (Terraform's destroy waits for it).
      if (checkpoint.backups.length === 0 && this.#isKept(checkpoint)) this.#remove(checkpoint);
    }
  }

  #forget(checkpoint: StoredCheckpoint): void {
    this.#remove(checkpoint);
    for (const backup of checkpoint.backups) this.#dropBackup(backup);
    this.#forgotten += 1;
  }

  /** Takes a restore point out of the store and its indexes (its backups are the caller's business). */
  #remove(checkpoint: StoredCheckpoint): void {
    this.#checkpoints.delete(checkpoint.id);
    for (const resource of checkpoint.resources) {
      if (this.#newestByResource.get(resource.id) === checkpoint) this.#newestByResource.delete(resource.id);
      const pinned = this.#pinnedProtectingByResource.get(resource.id);
      if (pinned?.delete(checkpoint) && pinned.size === 0) this.#pinnedProtectingByResource.delete(resource.id);
    }
  }
}

/** The backup statuses in which a delete is refused (400 CSBS.2003): the backup is being made or used. */
const BUSY_BACKUP_STATUSES = new Set(['protecting', 'waiting_protect', 'restoring', 'waiting_restore']);

/** A resource's size in GB (its `resource_size`, default 40), what its backup uses of the vault. */
function sizeOf(resource: MockResource): number {
  const size = Number(resource.resource_size ?? '40');
  return Number.isFinite(size) && size >= 0 ? size : 0;
}

/** The key of a project's entry in an index by resource or vault. */
const indexKey = (projectId: string, id: string) => `${projectId}\u0000${id}`;

/** Whether a list query is a plain page of one index: no filter but that index's, no sort, no marker. */
function isPlainPage(query: BackupQuery): boolean {
  const indexed = ['vault_id', 'resource_id'].filter((key) => key in query);
  if (indexed.length > 1) return false;
  return Object.keys(query).every((key) => key === 'limit' || key === 'offset' || indexed.includes(key));
}

function addTo<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key);
  if (set) set.add(value);
  else index.set(key, new Set([value]));
}

function removeFrom<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key);
  if (set?.delete(value) && set.size === 0) index.delete(key);
}
