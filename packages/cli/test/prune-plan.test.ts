// The plan of `cbr checkpoint prune`, rule by rule: which restore points are kept, which backups are
// deleted, and everything that is never touched (automatic backups, other names, other vaults, busy backups).
import type { BackupResp } from '@cbr-sdk/checkpoint';
import { describe, expect, it } from 'vitest';
import { planPrune } from '../src/prune/prune-plan.js';

const VAULT = 'vault-1';
let serial = 0;

/** A backup of restore point `checkpoint`, made at `minute` (later is newer). */
function backup(checkpoint: string, minute: number, overrides: Partial<BackupResp> = {}): BackupResp {
  serial++;
  return {
    id: `b-${checkpoint}-${serial}`,
    checkpoint_id: checkpoint,
    vault_id: VAULT,
    name: `deploy-${checkpoint}`,
    status: 'available',
    resource_id: `r-${serial}`,
    resource_name: `server-${serial}`,
    resource_size: 40,
    created_at: `2026-12-03T07:${String(minute).padStart(2, '0')}:00.000000`,
    extend_info: { auto_trigger: false },
    ...overrides,
  } as BackupResp;
}

const plan = (backups: BackupResp[], keep: number, namePrefix = 'deploy-') =>
  planPrune(backups, { vaultId: VAULT, namePrefix, keep });
const ids = (points: { checkpointId: string }[]) => points.map((p) => p.checkpointId);
const deletedBackups = (p: ReturnType<typeof plan>) => p.toDelete.flatMap((r) => r.backups.map((b) => b.id));

describe('planPrune', () => {
  it('keeps the newest n restore points and deletes every backup of the others', () => {
    const backups = [backup('a', 1), backup('b', 2), backup('b', 2), backup('c', 3), backup('d', 4)];
    const result = plan(backups, 2);
    expect(ids(result.kept)).toEqual(['d', 'c']);
    expect(ids(result.toDelete)).toEqual(['b', 'a']);
    // Both backups of b (one per resource), and a's.
    expect(deletedBackups(result)).toHaveLength(3);
    expect(result.skipped).toEqual([]);
  });

  it('keeps everything when there are n or fewer, and deletes all with --keep 0', () => {
    const backups = [backup('a', 1), backup('b', 2)];
    expect(plan(backups, 2).toDelete).toEqual([]);
    expect(plan(backups, 5).kept).toHaveLength(2);
    expect(ids(plan(backups, 0).toDelete)).toEqual(['b', 'a']);
  });

  it('never touches automatic backups, even with the prefix', () => {
    const backups = [
      backup('a', 1, { extend_info: { auto_trigger: true } } as Partial<BackupResp>),
      backup('b', 2),
      backup('c', 3),
    ];
    const result = plan(backups, 1);
    expect(ids(result.kept)).toEqual(['c']);
    expect(ids(result.toDelete)).toEqual(['b']);
    expect(deletedBackups(result).some((id) => id.startsWith('b-a-'))).toBe(false);
  });

  it('never touches restore points with another name, or in another vault', () => {
    const backups = [
      backup('a', 1, { name: 'nightly-a' }),
      backup('b', 2, { vault_id: 'vault-2' }),
      backup('c', 3),
      backup('d', 4),
    ];
    const result = plan(backups, 1);
    expect(ids(result.kept)).toEqual(['d']);
    expect(ids(result.toDelete)).toEqual(['c']);
  });

  it('a restore point with one backup of another name is not a candidate (all its backups must match)', () => {
    const backups = [backup('a', 1), backup('a', 1, { name: 'other' }), backup('b', 2)];
    const result = plan(backups, 0);
    expect(ids(result.toDelete)).toEqual(['b']);
  });

  it('deletes only available and error backups; busy ones are left and reported', () => {
    const backups = [
      backup('a', 1, { status: 'restoring' }),
      backup('a', 1, { status: 'error' }),
      backup('b', 2, { status: 'deleting' }),
      backup('c', 3),
    ];
    const result = plan(backups, 1);
    expect(ids(result.kept)).toEqual(['c']);
    expect(result.toDelete.flatMap((p) => p.backups.map((b) => b.status))).toEqual(['error']);
    expect(result.skipped.map((b) => [b.checkpointId, b.reason])).toEqual([
      ['b', 'it is deleting'],
      ['a', 'it is restoring'],
    ]);
  });

  it('a restore point still being made is left whole and not counted as kept', () => {
    const backups = [
      backup('a', 1),
      backup('b', 2),
      backup('c', 3, { status: 'protecting' }),
      backup('c', 3, { status: 'error' }),
    ];
    const result = plan(backups, 1);
    expect(ids(result.kept)).toEqual(['b']);
    expect(ids(result.toDelete)).toEqual(['a']);
    expect(result.skipped.map((b) => b.reason)).toEqual([
      'its restore point is still being made',
      'its restore point is still being made',
    ]);
  });

  it('a failed restore point never takes the place of a usable one', () => {
    const backups = [backup('a', 1), backup('b', 2, { status: 'error' })];
    const result = plan(backups, 1);
    expect(ids(result.kept)).toEqual(['a']);
    expect(ids(result.toDelete)).toEqual(['b']);
  });
});
