// `cbr backup delete <id>...`: deletes backups (and with --wait, waits until they are gone).
import type { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io/cli-io.js';
import type { BackupDeleteOptions } from '../options/command-options.js';
import { writeText } from '../output/terminal-text.js';
import { deleteBackups } from './delete-backups.js';
import { runCommand } from './session.js';

/** `cbr backup delete <id>...`: deletes backups, and with --wait waits until they are gone; resolves to the exit code. */
export function backupDeleteCommand(io: CliIo, ids: string[], options: BackupDeleteOptions): Promise<ExitCode> {
  return runCommand(io, 'backup delete', options, async (session) => {
    const result = await deleteBackups(session.client, ids, {
      wait: options.wait === true,
      waitTimeout: options.waitTimeout,
      pollInterval: options.pollInterval,
      signal: session.signal,
      report: (line) => writeText(session.io.stderr, `cbr: ${line}\n`, session.io.env),
    });
    const verb = options.wait ? 'deleted' : 'being deleted';
    return {
      json: { deleted: result.deleted, waited: options.wait === true },
      text: result.deleted.map((id) => `backup ${id} ${verb}\n`).join(''),
    };
  });
}
