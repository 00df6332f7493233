// --poll-interval: the pace of a wait, given to the SDK's waiter (PollTiming).
import type { PollTiming } from '@cbr-sdk/checkpoint';

/** The SDK waiter's longest pause between polls by default (PollTiming.maxIntervalMs), in milliseconds. */
const DEFAULT_MAX_INTERVAL_MS = 30_000;

/**
 * The pauses of a wait with --poll-interval (in milliseconds): that first pause, growing by half each time up to
 * 30 s, or up to the interval itself when it is longer. Without the flag, the SDK's (2 s up to 30 s).
 */
export function pollTiming(pollInterval: number | undefined): Pick<PollTiming, 'intervalMs' | 'maxIntervalMs'> {
  if (pollInterval === undefined) return {};
  return { intervalMs: pollInterval, maxIntervalMs: Math.max(pollInterval, DEFAULT_MAX_INTERVAL_MS) };
}
