// A restore point as text: a short, aligned summary for people (the JSON form is for programs).
import type { CheckpointCreate } from '@cbr-sdk/checkpoint';
import { type Paint, paintStatus } from './color.js';

/** The text summary of a restore point (id, status, vault, name, time, resources), as cbr prints it. */
export function checkpointSummary(checkpoint: CheckpointCreate, paint: Paint): string {
  const vault = checkpoint.vault;
  const rows: [string, string][] = [
    ['id', checkpoint.id],
    ['status', paintStatus(paint, checkpoint.status)],
    ['vault', vault ? `${vault.name ?? '-'} (${vault.id})` : '-'],
    ['name', checkpoint.extra_info?.name || '-'],
    // The API gives UTC without a zone ("2019-05-10T07:59:12.733403").
    ['created at', checkpoint.created_at ? `${checkpoint.created_at} UTC` : '-'],
  ];
  const resources = vault?.resources ?? [];
  const skipped = vault?.skipped_resources ?? [];
  const width = 11;
  const label = (text: string) => `${paint('bold', text)}${' '.repeat(width - text.length)}`;
  const lines = rows.map(([name, value]) => `${label(name)} ${value}`);
  lines.push(resources.length === 0 ? `${label('resources')} -` : label('resources').trimEnd());
  for (const resource of resources) {
    lines.push(
      `  ${resource.name || resource.id} (${resource.type}, ${resource.id}): ${paintStatus(paint, resource.protect_status)}`,
    );
  }
  for (const resource of skipped) {
    lines.push(`  skipped ${resource.id}: ${resource.code ?? ''} ${resource.reason ?? ''}`.trimEnd());
  }
  return `${lines.join('\n')}\n`;
}
