// `cbr checkpoint get <id>`: read a restore point.
import type { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io/cli-io.js';
import type { GetOptions } from '../options/command-options.js';
import { runSession } from './session.js';

/** `cbr checkpoint get <id>`: prints a restore point. */
export function getCommand(io: CliIo, checkpointId: string, options: GetOptions): Promise<ExitCode> {
  return runSession(io, 'get', options, (session) => {
    session.context.checkpointId = checkpointId;
    return session.client.checkpoints.get(checkpointId, { signal: session.signal });
  });
}
