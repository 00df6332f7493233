// What `cbr checkpoint prune` would delete, decided from the vault's backups alone (no I/O, so every rule is
// unit-tested). A restore point is the set of backups sharing a checkpoint_id. The rules, safest first:
// - only manual restore points (no backup with extend_info.auto_trigger true) whose backups' names all
//   start with the prefix are candidates: automatic backups and other names are never touched;
// - the newest `keep` candidates whose backups are all `available` are kept (a failed or unfinished one
//   never takes the place of a usable one);
// - of the other candidates, only backups that are `available` or `error` are deleted; a busy one
//   (restoring, deleting, waiting_…) is left and reported as skipped, and so is every backup of a restore
//   point still being made (protecting).
import type { BackupResp } from '@cbr-sdk/checkpoint';

/** A backup as the plan shows it. */
export interface PlannedBackup {
  /** The backup's ID. */
  id: string;
  /** The ID of the resource it backs up; null when the service gives none. */
  resourceId: string | null;
  /** The name of that resource; null when the service gives none. */
  resourceName: string | null;
  /** In GB, as the service reports `resource_size`. */
  size: number | null;
  /** The backup's status, e.g. `available`. */
  status: string;
}

/** A restore point as the plan shows it: its backups, newest first among the candidates. */
export interface PlannedRestorePoint {
  /** The restore point's ID (its backups' checkpoint_id). */
  checkpointId: string;
  /** Its name: its first backup's (empty when that has none). */
  name: string;
  /** The newest created_at of its backups, as the service gives it (UTC, no zone). */
  createdAt: string | null;
  /** Its backups: all of them when kept, only the deletable ones when deleted. */
  backups: PlannedBackup[];
}

/** A backup of a restore point to delete that is left alone, and why. */
export interface SkippedBackup extends PlannedBackup {
  /** The ID of its restore point. */
  checkpointId: string;
  /** Why it is left alone: `it is <status>`, or `its restore point is still being made`. */
  reason: string;
}

/** What `cbr checkpoint prune` keeps, deletes and leaves alone in one vault. */
export interface PrunePlan {
  /** The ID of the vault pruned (--vault). */
  vaultId: string;
  /** The name prefix of the restore points pruned (--name-prefix). */
  namePrefix: string;
  /** How many usable restore points are kept at most, newest first (--keep). */
  keep: number;
  /** The restore points kept (newest first). */
  kept: PlannedRestorePoint[];
  /** The restore points whose backups are deleted (only the deletable backups are listed). */
  toDelete: PlannedRestorePoint[];
  /** Backups of those restore points left alone (busy). */
  skipped: SkippedBackup[];
}

/** Backup statuses prune may delete. */
const DELETABLE: ReadonlySet<string> = new Set(['available', 'error']);
/** Backup statuses of a restore point still being made. */
const BEING_MADE: ReadonlySet<string> = new Set(['protecting', 'waiting_protect']);

const planned = (backup: BackupResp): PlannedBackup => ({
  id: backup.id,
  resourceId: backup.resource_id ?? null,
  resourceName: backup.resource_name ?? null,
  size: backup.resource_size ?? null,
  status: backup.status,
});

const isAutomatic = (backup: BackupResp) => backup.extend_info?.auto_trigger === true;

/** Newest first: by created_at (the service's one format, so text order is time order), then by id. */
const newestFirst = (a: PlannedRestorePoint, b: PlannedRestorePoint) =>
  (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || a.checkpointId.localeCompare(b.checkpointId);

/**
 * The prune plan, from the vault's backups alone (no I/O; backups of other vaults are ignored): keeps the newest
 * `keep` usable manual restore points of the prefix, deletes the deletable backups of the others.
 */
export function planPrune(
  backups: readonly BackupResp[],
  settings: { vaultId: string; namePrefix: string; keep: number },
): PrunePlan {
  const groups = new Map<string, BackupResp[]>();
  for (const backup of backups) {
    if (backup.vault_id !== undefined && backup.vault_id !== null && backup.vault_id !== settings.vaultId) continue;
    const checkpointId = backup.checkpoint_id;
    if (!checkpointId) continue;
    const group = groups.get(checkpointId);
    if (group) group.push(backup);
    else groups.set(checkpointId, [backup]);
  }

  const candidates: { point: PlannedRestorePoint; backups: BackupResp[] }[] = [];
  for (const [checkpointId, group] of groups) {
    if (group.some(isAutomatic)) continue;
    if (!group.every((backup) => (backup.name ?? '').startsWith(settings.namePrefix))) continue;
    const createdAt =
      group
        .map((backup) => backup.created_at ?? '')
        .sort()
        .at(-1) ?? '';
    candidates.push({
      point: { checkpointId, name: group[0]?.name ?? '', createdAt: createdAt || null, backups: group.map(planned) },
      backups: group,
    });
  }
  candidates.sort((a, b) => newestFirst(a.point, b.point));

  const kept: PlannedRestorePoint[] = [];
  const toDelete: PlannedRestorePoint[] = [];
  const skipped: SkippedBackup[] = [];
  for (const { point, backups: group } of candidates) {
    const usable = group.every((backup) => backup.status === 'available');
    if (usable && kept.length < settings.keep) {
      kept.push(point);
      continue;
    }
    // One still being made is left whole: deleting its failed backups would race the service.
    const inProgress = group.some((backup) => BEING_MADE.has(backup.status));
    const deletable = inProgress ? [] : group.filter((backup) => DELETABLE.has(backup.status));
    for (const backup of group) {
      if (inProgress || !DELETABLE.has(backup.status)) {
        const reason = inProgress ? 'its restore point is still being made' : `it is ${backup.status}`;
        skipped.push({ ...planned(backup), checkpointId: point.checkpointId, reason });
      }
    }
    if (deletable.length > 0) toDelete.push({ ...point, backups: deletable.map(planned) });
  }
  return { vaultId: settings.vaultId, namePrefix: settings.namePrefix, keep: settings.keep, kept, toDelete, skipped };
}
