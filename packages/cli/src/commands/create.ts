// `cbr checkpoint create`: back up a vault, and with --wait, wait until the restore point is available.
// The input goes through the SDK's validation (compiled from the spec): a bad one is refused, nothing sent.
// The create is sent once: the SDK never resends it where it may have been processed.
import type { CheckpointParam, VaultBackup } from '@cbr-sdk/checkpoint';
import type { ExitCode } from '../exit-codes.js';
import type { CreateOptions } from '../options/command-options.js';
import { runSession } from './session.js';

/** The request body's `checkpoint`, holding only what was given on the command line. */
export function vaultBackupFrom(options: CreateOptions): VaultBackup {
  const parameters: CheckpointParam = {};
  if (options.resource) parameters.resources = options.resource;
  if (options.name !== undefined) parameters.name = options.name;
  if (options.description !== undefined) parameters.description = options.description;
  if (options.incremental === false) parameters.incremental = false;
  if (options.autoTrigger) parameters.auto_trigger = true;
  return { vault_id: options.vault, ...(Object.keys(parameters).length > 0 ? { parameters } : {}) };
}

/** `cbr checkpoint create`: creates a restore point, and with --wait waits until it is available. */
export function createCommand(options: CreateOptions): Promise<ExitCode> {
  return runSession('create', options, async (session) => {
    session.context.createSent = { vaultId: options.vault, name: options.name, sentAt: new Date() };
    const created = await session.client.checkpoints.create(vaultBackupFrom(options), { signal: session.signal });
    session.context.createSent = undefined;
    session.context.checkpointId = created.id;
    session.context.checkpointStatus = created.status;
    if (!options.wait) return created;
    return session.waitUntilAvailable(created, options, true);
  });
}
