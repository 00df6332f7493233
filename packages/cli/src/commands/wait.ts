// `cbr checkpoint wait <id>`: wait until a restore point is available (again, after a timed-out wait).
import type { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io/cli-io.js';
import type { WaitOptions } from '../options/command-options.js';
import { runSession } from './session.js';

/** `cbr checkpoint wait <id>`: waits until a restore point is available. */
export function waitCommand(io: CliIo, checkpointId: string, options: WaitOptions): Promise<ExitCode> {
  return runSession(io, 'wait', options, (session) => {
    session.context.checkpointId = checkpointId;
    return session.waitUntilAvailable(checkpointId, options, false);
  });
}
