// `cbr checkpoint prune`: keep the newest n manual restore points of a name prefix, delete the backups of
// the others (the rules are in prune/prune-plan.ts). Without --yes it only shows the plan.
import type { BackupResp } from '@cbr-sdk/checkpoint';
import type { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io/cli-io.js';
import type { PruneOptions } from '../options/command-options.js';
import { pruneDocument, prunePlanText } from '../output/prune-text.js';
import { paint, writeText } from '../output/terminal-text.js';
import { planPrune } from '../prune/prune-plan.js';
import { deleteBackups } from './delete-backups.js';
import { runCommand } from './session.js';

/** `cbr checkpoint prune`: prints the plan, and with --yes deletes the backups of the restore points not kept; resolves to the exit code. */
export function pruneCommand(io: CliIo, options: PruneOptions): Promise<ExitCode> {
  return runCommand(io, 'prune', options, async (session) => {
    // The whole vault is read before anything is deleted: deleting while paging would shift the offsets.
    const backups: BackupResp[] = [];
    for await (const backup of session.client.backups.list({ vault_id: options.vault }, { signal: session.signal })) {
      backups.push(backup);
    }
    const plan = planPrune(backups, { vaultId: options.vault, namePrefix: options.namePrefix, keep: options.keep });
    if (!options.yes) return { json: pruneDocument(plan, undefined), text: prunePlanText(plan, paint, false) };

    const ids = plan.toDelete.flatMap((p) => p.backups.map((b) => b.id));
    // A failure part-way is a DeletionIncompleteError: its report says what was deleted and what was not.
    const result = await deleteBackups(session.client, ids, {
      wait: options.wait === true,
      waitTimeout: options.waitTimeout,
      pollInterval: options.pollInterval,
      signal: session.signal,
      report: (line) => writeText(session.io.stderr, `cbr: ${line}\n`, session.io.env),
    });
    return { json: pruneDocument(plan, result), text: prunePlanText(plan, paint, true) };
  });
}
