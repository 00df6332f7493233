// --poll-interval: the pace of a wait, given to the SDK's waiter (PollTiming).
import type { PollTiming } from '@cbr-sdk/checkpoint';

/**
 * The pauses of a wait with --poll-interval (in milliseconds): that first pause, growing by half each time up to
 * the SDK's longest pause (30 s, or the first pause when that is longer). Without the flag, the SDK's (2 s up to
 * 30 s).
 */
export function pollTiming(pollInterval: number | undefined): Pick<PollTiming, 'intervalMs'> {
  return pollInterval === undefined ? {} : { intervalMs: pollInterval };
}
