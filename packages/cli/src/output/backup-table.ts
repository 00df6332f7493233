// Backups as text: one aligned row each (id, resource, size, status, …), for people (--json is for programs).
import type { BackupResp } from '@cbr-sdk/checkpoint';
import { type Paint, paintStatus } from './color.js';

/** A column: its heading and the text of a backup's cell. */
type Column = [heading: string, cell: (backup: BackupResp) => string];

const size = (backup: BackupResp) =>
  backup.resource_size === undefined || backup.resource_size === null ? '-' : `${backup.resource_size} GB`;
const resource = (backup: BackupResp) => backup.resource_name || backup.resource_id || '-';

/** The columns of `cbr checkpoint create --wait`'s summary: what a restore point is made of. */
const OF_A_RESTORE_POINT: Column[] = [
  ['id', (b) => b.id],
  ['resource', resource],
  ['size', size],
  ['status', (b) => b.status],
];

/** The columns of `cbr backup list`. */
const OF_A_LISTING: Column[] = [
  ['id', (b) => b.id],
  ['restore point', (b) => b.checkpoint_id || '-'],
  ['name', (b) => b.name || '-'],
  ['resource', resource],
  ['size', size],
  ['status', (b) => b.status],
  // The API gives UTC without a zone.
  ['created at (UTC)', (b) => b.created_at || '-'],
];

function table(backups: readonly BackupResp[], columns: Column[], paint: Paint, indent: string): string {
  const rows = backups.map((backup) => columns.map(([, cell]) => cell(backup)));
  const widths = columns.map(([heading], i) => Math.max(heading.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[], render: (text: string, i: number) => string) =>
    `${indent}${cells
      .map((text, i) => render(text, i) + ' '.repeat((widths[i] ?? 0) - text.length))
      .join('  ')
      .trimEnd()}`;
  const statusColumn = columns.findIndex(([heading]) => heading === 'status');
  const lines = [
    line(
      columns.map(([heading]) => heading),
      (text) => paint('bold', text),
    ),
  ];
  for (const row of rows) lines.push(line(row, (text, i) => (i === statusColumn ? paintStatus(paint, text) : text)));
  return `${lines.join('\n')}\n`;
}

/** `cbr backup list`: a row per backup, or a line saying there is none. */
export function backupListText(backups: readonly BackupResp[], paint: Paint): string {
  if (backups.length === 0) return 'no backups\n';
  return table(backups, OF_A_LISTING, paint, '');
}

/** The backups section of a restore point's summary. */
export function backupsSection(backups: readonly BackupResp[], paint: Paint): string {
  if (backups.length === 0) return `${paint('bold', 'backups')}    -\n`;
  return `${paint('bold', 'backups')}\n${table(backups, OF_A_RESTORE_POINT, paint, '  ')}`;
}
