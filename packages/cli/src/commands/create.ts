// `cbr checkpoint create`: back up a vault, and with --wait, wait until the restore point is available and
// list its backups. The input goes through the SDK's validation (compiled from the spec): a bad one is
// refused, nothing sent. The create is sent once: the SDK never resends it where it may have been processed.
import type { BackupResp, CheckpointParam, VaultBackup } from '@cbr-sdk/checkpoint';
import type { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io/cli-io.js';
import type { CreateOptions } from '../options/command-options.js';
import { backupsSection } from '../output/backup-table.js';
import { checkpointSummary } from '../output/checkpoint-summary.js';
import { paint } from '../output/terminal-text.js';
import { runCommand } from './session.js';

/** The request body's `checkpoint`, holding only what was given on the command line. */
export function vaultBackupFrom(options: CreateOptions): VaultBackup {
  const parameters: CheckpointParam = {};
  if (options.resource) parameters.resources = options.resource;
  if (options.name !== undefined) parameters.name = options.name;
  if (options.description !== undefined) parameters.description = options.description;
  if (options.incremental === false) parameters.incremental = false;
  if (options.autoTrigger) parameters.auto_trigger = true;
  if (options.retention !== undefined) parameters.retention_duration_days = options.retention;
  return { vault_id: options.vault, ...(Object.keys(parameters).length > 0 ? { parameters } : {}) };
}

/** `cbr checkpoint create`: creates a restore point, and with --wait waits until it is available. */
export function createCommand(io: CliIo, options: CreateOptions): Promise<ExitCode> {
  return runCommand(io, 'create', options, async (session) => {
    const { context } = session;
    context.createSent = { vaultId: options.vault, name: options.name, sentAt: new Date() };
    const created = await session.client.checkpoints.create(vaultBackupFrom(options), { signal: session.signal });
    context.createSent = undefined;
    context.checkpointId = created.id;
    context.checkpointStatus = created.status;
    if (!options.wait) return { json: created, text: checkpointSummary(created, paint) };

    const done = await session.waitUntilAvailable(created, options, true);
    context.checkpointStatus = done.status;
    // What the restore point is made of: its backups, one per resource (as Terraform exports them).
    const backups: BackupResp[] = [];
    for await (const backup of session.client.backups.list({ checkpoint_id: done.id }, { signal: session.signal })) {
      backups.push(backup);
    }
    return {
      json: { ...done, backups },
      text: checkpointSummary(done, paint) + backupsSection(backups, paint),
    };
  });
}
