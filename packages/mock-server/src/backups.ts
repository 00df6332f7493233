// A restore point's backups as the API shows them (BackupResp), and the listBackups query: its filters, sort
// and paging. The store keeps the backups; this file only reads them.
import type { BackupResp } from '@cbr-sdk/checkpoint-api';
import { ERROR_CODES, HttpError } from './errors.js';
import type { MockResource, StoredCheckpoint } from './store.js';

/** One backup: the copy of one resource made by one restore point. */
export interface StoredBackup {
  /** The backup's ID. */
  id: string;
  /** The restore point that made it: its name, vault, project and creation time are the backup's. */
  checkpoint: StoredCheckpoint;
  /** The resource it is a copy of. */
  resource: MockResource;
  /** What it counts against its vault's capacity, in GB: its resource's size. */
  sizeGb: number;
  /** Order of creation in the store (ties of created_at are broken by it). */
  sequence: number;
  /** When retention deletes it; undefined when kept forever. */
  expiresAt?: Date;
  /** When a delete was accepted: from then on the backup is `deleting`, until it is gone. */
  deleteRequestedAt?: Date;
  /** When set, the status it reports (see `CheckpointStore.setBackupStatus`). */
  pinnedStatus?: string;
}

/** The backup status that follows a restore point's status. */
const FROM_CHECKPOINT: Readonly<Record<string, string>> = {
  available: 'available',
  protecting: 'protecting',
  error: 'error',
  deleting: 'deleting',
  'error-deleting': 'error',
  deleted: 'deleting',
};

/** The status of a backup, given its restore point's. A status the mock does not map is passed through. */
export function backupStatus(backup: StoredBackup, checkpointStatus: string): string {
  if (backup.deleteRequestedAt) return 'deleting';
  if (backup.pinnedStatus !== undefined) return backup.pinnedStatus;
  return FROM_CHECKPOINT[checkpointStatus] ?? checkpointStatus;
}

/** A time as CBR writes it (UTC, microseconds, no zone), for times the store computes. */
export const cbrTime = (date: Date) => `${date.toISOString().slice(0, 23)}000`;

/** Huawei's backup provider ids, by resource type (`provider_id`); a server's for the others. */
const PROVIDERS: Readonly<Record<string, string>> = {
  'OS::Nova::Server': '0daac4c5-6707-4851-97ba-169e36266b66',
  'OS::Cinder::Volume': 'd1603440-187d-4516-af25-121250c7cc97',
  'OS::Sfs::Turbo': '3f3c3220-245c-4805-b811-758870015881',
};

/** What the view needs besides the backup: its status now, and when it was (or will be) protected. */
export interface BackupState {
  status: string;
  protectedAt: Date;
}

/** The backup as the API returns it, in the key order of Huawei's example. */
export function backupView(backup: StoredBackup, { status, protectedAt }: BackupState): BackupResp {
  const { checkpoint, resource } = backup;
  const done = status === 'available' || (status === 'deleting' && backup.deleteRequestedAt !== undefined);
  const isServer = resource.type === 'OS::Nova::Server';
  return {
    checkpoint_id: checkpoint.id,
    children: [],
    created_at: checkpoint.createdAtText,
    description: checkpoint.description,
    enterprise_project_id: '0',
    expired_at: backup.expiresAt ? cbrTime(backup.expiresAt) : null,
    extend_info: {
      auto_trigger: checkpoint.autoTrigger,
      bootable: isServer ? null : false,
      ...(isServer ? { contain_system_disk: true } : {}),
      encrypted: false,
      os_images_data: null,
      progress: done ? 100 : null,
      snapshot_id: null,
      support_lld: true,
      supported_restore_mode: done ? 'backup' : 'na',
      system_disk: false,
    },
    id: backup.id,
    image_type: 'backup',
    incremental: checkpoint.incremental,
    name: checkpoint.name,
    parent_id: null,
    project_id: checkpoint.projectId,
    protected_at: done ? cbrTime(protectedAt) : null,
    provider_id: PROVIDERS[resource.type] ?? (PROVIDERS['OS::Nova::Server'] as string),
    resource_az: resource.availability_zone ?? null,
    resource_id: resource.id,
    resource_name: resource.name,
    resource_size: backup.sizeGb,
    resource_type: resource.type,
    status,
    updated_at: backup.deleteRequestedAt ? cbrTime(backup.deleteRequestedAt) : done ? cbrTime(protectedAt) : null,
    vault_id: checkpoint.vault.id,
  };
}

/** The listBackups query, read from the query string and checked against the spec. */
export interface BackupQuery {
  /** Only the backups of this restore point. */
  checkpoint_id?: string;
  /** Only the backups in this vault. */
  vault_id?: string;
  /** Only the backups of this resource. */
  resource_id?: string;
  /** Only the backups of resources with this name. */
  resource_name?: string;
  /** Only the backups of this type of resource: `OS::Nova::Server`, `OS::Cinder::Volume` or `OS::Workspace::DesktopV2`. */
  resource_type?: string;
  /** Only the backups of resources in this availability zone. */
  resource_az?: string;
  /** Only the backups with this name (a restore point's backups carry its name). */
  name?: string;
  /** Only the backups in one of these statuses (the parameter repeated: `status=available&status=error`). */
  status?: string[];
  /** Only backups of this kind: `backup` (made in this region) or `replication`; the mock makes only `backup`. */
  image_type?: string;
  /** Only the children of this backup (the disk backups of a server backup); the mock's have none, so none match. */
  parent_id?: string;
  /** Only backups created at or after this time, UTC, in the form `2018-02-01T12:00:00Z`. */
  start_time?: string;
  /** Only backups created at or before this time, UTC, in the form `2018-02-01T12:00:00Z`. */
  end_time?: string;
  /** Number of backups per page, 1 to 1000. Default: 1000. */
  limit?: number;
  /** Number of backups to skip before the page starts (after `marker` when given). Default: 0. */
  offset?: number;
  /** The ID of the last backup of the previous page; the page starts after it (a 400 when it is not in the list). */
  marker?: string;
  /**
   * Order of the list: comma-separated `<key>[:<direction>]`, the key one of created_at, updated_at, name,
   * status, protected_at or id, the direction `asc` or `desc` (the default). Default: `created_at` (newest first).
   */
  sort?: string;
}

/**
 * A backup in a list: its status (what the `status` filter reads), and its view, built only when needed (for
 * the page, or to sort on a key only the view has): a list reads many backups and returns few.
 */
export interface ListedBackup {
  backup: StoredBackup;
  status: string;
  view: () => BackupResp;
}

/** Whether a backup passes every filter of the query (on the stored backup: no view is built). */
export function matches({ backup, status }: ListedBackup, query: BackupQuery): boolean {
  const { checkpoint, resource } = backup;
  if (query.checkpoint_id !== undefined && checkpoint.id !== query.checkpoint_id) return false;
  if (query.vault_id !== undefined && checkpoint.vault.id !== query.vault_id) return false;
  if (query.resource_id !== undefined && resource.id !== query.resource_id) return false;
  if (query.resource_name !== undefined && resource.name !== query.resource_name) return false;
  if (query.resource_type !== undefined && resource.type !== query.resource_type) return false;
  if (query.resource_az !== undefined && (resource.availability_zone ?? null) !== query.resource_az) return false;
  if (query.name !== undefined && checkpoint.name !== query.name) return false;
  if (query.status !== undefined && !query.status.includes(status)) return false;
  // Every backup of the mock is made here (`backup`) and has no parent.
  if (query.image_type !== undefined && query.image_type !== 'backup') return false;
  if (query.parent_id !== undefined) return false;
  const created = checkpoint.createdAt.getTime();
  if (query.start_time !== undefined && created < Date.parse(query.start_time)) return false;
  if (query.end_time !== undefined && created > Date.parse(query.end_time)) return false;
  return true;
}

type SortKey = 'created_at' | 'updated_at' | 'name' | 'status' | 'protected_at' | 'id';

/** `created_at:asc,name` → comparators; a key without a direction is descending, as CBR's is. */
function comparator(sort: string | undefined): (a: ListedBackup, b: ListedBackup) => number {
  const keys = (sort ?? 'created_at').split(',').map((part) => {
    const [key, direction = 'desc'] = part.split(':') as [SortKey, string?];
    return { key, sign: direction === 'asc' ? 1 : -1 };
  });
  const sortValue = (listed: ListedBackup, key: SortKey): string | number => {
    const { backup } = listed;
    if (key === 'created_at') return backup.checkpoint.createdAt.getTime();
    if (key === 'name') return backup.checkpoint.name;
    if (key === 'status') return listed.status;
    if (key === 'id') return backup.id;
    return listed.view()[key] ?? '';
  };
  return (a, b) => {
    for (const { key, sign } of keys) {
      const x = sortValue(a, key);
      const y = sortValue(b, key);
      if (x < y) return -sign;
      if (x > y) return sign;
    }
    // Newest first among equals, so that a page boundary is the same on every call.
    return b.backup.sequence - a.backup.sequence;
  };
}

/** Sorts the matching backups and cuts the page: after `marker` when given, then `offset`, then `limit`. */
export function page(listed: ListedBackup[], query: BackupQuery): ListedBackup[] {
  // The default order, newest first, is the reverse of the order of creation unless a test's clock went back:
  // a reverse, not a sort, when it did not.
  const inCreationOrder =
    query.sort === undefined &&
    listed.every(
      (item, index) =>
        index === 0 ||
        (listed[index - 1] as ListedBackup).backup.checkpoint.createdAt.getTime() <=
          item.backup.checkpoint.createdAt.getTime(),
    );
  if (inCreationOrder) listed.reverse();
  else listed.sort(comparator(query.sort));
  let start = 0;
  if (query.marker !== undefined) {
    const at = listed.findIndex(({ backup }) => backup.id === query.marker);
    if (at < 0) throw new HttpError(400, ERROR_CODES.invalidParameter, 'marker is not a backup of this list');
    start = at + 1;
  }
  start += query.offset ?? 0;
  return listed.slice(start, start + (query.limit ?? 1000));
}
