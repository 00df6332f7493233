// --verbose: one line per HTTP answer and per retry, from the SDK's hooks. The events carry no header and
// no body, so no credential can reach these lines.
import type { ClientHooks } from '@cbr-sdk/checkpoint';

/** The SDK hooks of --verbose: a line to `write` for each HTTP answer and each retry. */
export function verboseHooks(write: (line: string) => void): ClientHooks {
  return {
    onResponse(event) {
      const attempt = event.attempt > 1 ? ` (attempt ${event.attempt})` : '';
      write(
        `cbr: ${event.operation} ${event.method} ${event.status} ${event.durationMs} ms request-id ${event.requestId ?? '-'}${attempt}`,
      );
    },
    onRetry(event) {
      write(
        `cbr: ${event.operation} attempt ${event.attempt} failed (${event.reason}); retrying in ${event.delayMs} ms`,
      );
    },
  };
}
