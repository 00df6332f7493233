// `cbr backup list`: the backups that match the filters, every page of them (the SDK pages lazily).
import type { BackupResp, ListBackupsQuery } from '@cbr-sdk/checkpoint';
import type { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io/cli-io.js';
import type { BackupListOptions } from '../options/command-options.js';
import { backupListText } from '../output/backup-table.js';
import { paint } from '../output/terminal-text.js';
import { runCommand } from './session.js';

/** The listBackups query, holding only the filters given on the command line. */
export function listQueryFrom(options: BackupListOptions): ListBackupsQuery {
  const query: ListBackupsQuery = {};
  if (options.checkpoint !== undefined) query.checkpoint_id = options.checkpoint;
  if (options.vault !== undefined) query.vault_id = options.vault;
  if (options.name !== undefined) query.name = options.name;
  if (options.resource !== undefined) query.resource_id = options.resource;
  if (options.status !== undefined) query.status = options.status as ListBackupsQuery['status'];
  return query;
}

/** `cbr backup list`: prints the backups that match the filters, every page of them; resolves to the exit code. */
export function backupListCommand(io: CliIo, options: BackupListOptions): Promise<ExitCode> {
  return runCommand(io, 'backup list', options, async (session) => {
    const backups: BackupResp[] = [];
    for await (const backup of session.client.backups.list(listQueryFrom(options), { signal: session.signal })) {
      backups.push(backup);
    }
    return { json: { backups }, text: backupListText(backups, paint) };
  });
}
