// The plan of `cbr checkpoint prune` and its outcome, as text for people.
import type { DeletionResult } from '../commands/delete-backups.js';
import type { PlannedRestorePoint, PrunePlan } from '../prune/prune-plan.js';
import { type Paint, paintStatus } from './color.js';

const point = (p: PlannedRestorePoint) => `${p.checkpointId} ${p.name} (created ${p.createdAt ?? '-'} UTC)`;
const sizeOf = (size: number | null) => (size === null ? '-' : `${size} GB`);

/**
 * The prune plan as text for people: the restore points kept, those deleted (`applied`) or to delete with
 * their backups (sizes in GB), the backups left alone, and without `applied` a dry-run line.
 */
export function prunePlanText(plan: PrunePlan, paint: Paint, applied: boolean): string {
  const lines = [
    `${paint('bold', 'vault')} ${plan.vaultId}, manual restore points named ${plan.namePrefix}*, keeping the newest ${plan.keep}`,
  ];
  lines.push(`${paint('bold', 'keep')} (${plan.kept.length})`);
  for (const p of plan.kept) lines.push(`  ${point(p)}`);
  lines.push(`${paint('bold', applied ? 'deleted' : 'delete')} (${plan.toDelete.length})`);
  for (const p of plan.toDelete) {
    lines.push(`  ${point(p)}`);
    for (const b of p.backups) {
      lines.push(
        `    backup ${b.id} ${b.resourceName ?? b.resourceId ?? '-'} ${sizeOf(b.size)} ${paintStatus(paint, b.status)}`,
      );
    }
  }
  if (plan.skipped.length > 0) {
    lines.push(`${paint('bold', 'left alone')} (${plan.skipped.length})`);
    for (const b of plan.skipped) lines.push(`  backup ${b.id} of ${b.checkpointId}: ${b.reason}`);
  }
  if (!applied) {
    const count = plan.toDelete.reduce((n, p) => n + p.backups.length, 0);
    lines.push(
      count === 0
        ? 'nothing to delete'
        : paint('yellow', `dry run: ${count} backups would be deleted; run again with --yes to delete them`),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The JSON document of prune: the plan, whether it was applied, and what was deleted. */
export function pruneDocument(plan: PrunePlan, result: DeletionResult | undefined) {
  return {
    ...plan,
    applied: result !== undefined,
    deleted: result?.deleted ?? [],
    notDeleted: result?.notDeleted ?? [],
  };
}
