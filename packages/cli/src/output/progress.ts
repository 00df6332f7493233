// Progress of a wait, on stderr. On a terminal: one live status line (spinner, status, elapsed time) that
// ends in one final line. Elsewhere (CI logs, a pipe, a file): one timestamped line per status change, with
// no control characters.
import type { CheckpointCreate } from '@cbr-sdk/checkpoint';
import type { Environment, OutputStream } from '../io/cli-io.js';
import { type Paint, paintStatus } from './color.js';
import { formatElapsed } from './elapsed.js';
import { forTerminal, writeText } from './terminal-text.js';

/** What a waiting command shows on stderr: a live line on a terminal, else a timestamped line per change. */
export interface Progress {
  /** The restore point was created (before waiting for it). */
  created(checkpoint: CheckpointCreate): void;
  /** A poll saw a status (or resource status) other than the last one. */
  status(checkpoint: CheckpointCreate): void;
  /** Ends the progress: the restore point is available. */
  succeeded(checkpoint: CheckpointCreate): void;
  /** Ends the progress without success (failure, timeout, interruption). */
  stopped(why: string): void;
}

/** What {@link startProgress} needs to know. */
export interface ProgressSettings {
  /** The restore point's ID, when known before its create is answered. */
  checkpointId?: string;
  /** The restore point as last seen (the answer to its create), if any. */
  initial?: CheckpointCreate | undefined;
  /** Show the resources' protect_status too (--wait-for-resources). */
  waitForResources: boolean;
  /** Colours the statuses (or leaves them plain). */
  paint: Paint;
  /** Where the progress goes (stderr). */
  stream: OutputStream;
  /** The environment, to tell a CI runner or a dumb terminal (no live line there), and colours. */
  env: Environment;
}

/**
 * Whether the live line can be drawn: stderr is a terminal that understands cursor moves, and not a CI
 * runner (the spinner library makes the same decision; both must agree, or it would print a line per frame).
 */
export const isInteractive = (stream: OutputStream, env: Environment) =>
  Boolean(stream.isTTY) && env.TERM !== 'dumb' && !('CI' in env);

/** The state a change is reported on: the status, plus the resources' when waiting for them too. */
function stateOf(checkpoint: CheckpointCreate, settings: ProgressSettings): string {
  const status = paintStatus(settings.paint, checkpoint.status);
  if (!settings.waitForResources) return status;
  const resources = (checkpoint.vault?.resources ?? []).map((r) => paintStatus(settings.paint, r.protect_status));
  return `${status} (resources: ${resources.join(', ') || 'none'})`;
}

/** Starts showing progress: live on an interactive terminal, else one line per change. */
export async function startProgress(settings: ProgressSettings): Promise<Progress> {
  return isInteractive(settings.stream, settings.env) ? liveProgress(settings) : logProgress(settings);
}

function logProgress(settings: ProgressSettings): Progress {
  const started = Date.now();
  let last: string | undefined;
  let id = settings.checkpointId;
  const line = (text: string) => writeText(settings.stream, `${new Date().toISOString()} ${text}\n`, settings.env);
  return {
    created(checkpoint) {
      id = checkpoint.id;
      last = stateOf(checkpoint, settings);
      line(`created restore point ${checkpoint.id} of vault ${checkpoint.vault?.id ?? '-'}: ${last}`);
    },
    status(checkpoint) {
      const state = stateOf(checkpoint, settings);
      if (state === last) return;
      line(
        `restore point ${checkpoint.id}: ${last ? `${last} -> ` : ''}${state} (${formatElapsed(Date.now() - started)})`,
      );
      last = state;
    },
    // The last change line ("protecting -> available") already says it.
    succeeded() {},
    stopped(why) {
      line(`restore point ${id ?? '-'}: stopped waiting after ${formatElapsed(Date.now() - started)}: ${why}`);
    },
  };
}

async function liveProgress(settings: ProgressSettings): Promise<Progress> {
  // Loaded only for a live line: `get` and non-terminal waits never pay for it.
  const { default: yoctoSpinner } = await import('yocto-spinner');
  const started = Date.now();
  let id = settings.checkpointId;
  let state = settings.initial ? stateOf(settings.initial, settings) : 'checking';
  // handleSignals: false: SIGINT and SIGTERM are cbr's to handle (it prints what was created, exits 130).
  // A live line is drawn on a terminal only, whose stream is a tty.WriteStream.
  const spinner = yoctoSpinner({ stream: settings.stream as NodeJS.WriteStream, handleSignals: false });
  // The spinner writes what it is given: everything handed to it goes through forTerminal first.
  const shown = (text: string) => forTerminal(text, settings.stream, settings.env);
  const text = () =>
    shown(`restore point ${id ?? '…'}: ${state}  ${settings.paint('dim', formatElapsed(Date.now() - started))}`);
  spinner.start(text());
  const ticker = setInterval(() => {
    spinner.text = text();
  }, 100);
  ticker.unref();
  const end = () => clearInterval(ticker);
  return {
    created(checkpoint) {
      id = checkpoint.id;
      state = stateOf(checkpoint, settings);
      spinner.text = text();
    },
    status(checkpoint) {
      id = checkpoint.id;
      state = stateOf(checkpoint, settings);
      spinner.text = text();
    },
    succeeded(checkpoint) {
      end();
      spinner.success(
        shown(
          `restore point ${checkpoint.id} is ${stateOf(checkpoint, settings)} after ${formatElapsed(Date.now() - started)}`,
        ),
      );
    },
    stopped(why) {
      end();
      spinner.error(
        shown(
          `restore point ${id ?? '-'}: ${state}; stopped waiting after ${formatElapsed(Date.now() - started)}: ${why}`,
        ),
      );
    },
  };
}
