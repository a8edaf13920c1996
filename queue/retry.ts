/**
 * The retry policy of both modes (README, "Guarantees and their limits" /
 * "Dead letters"): a shard that throws is delivered again after a growing
 * delay, up to MaxDeliver deliveries; an error whose `retryable` is false
 * (errors/index.ts) is final at once. The decision reads only the error
 * record's `retryable`, never its name or message.
 */
import type { ErrorRecord } from '../errors/index.js';

export interface BackoffOptions {
  /** Delay after the first failed delivery. @default 1000 */
  baseMs?: number;
  /** Longest delay. @default 30000 */
  maxMs?: number;
}

export interface ResolvedBackoff {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const BACKOFF_DEFAULTS: ResolvedBackoff = Object.freeze({ baseMs: 1000, maxMs: 30_000 });

export function resolveBackoff(options: BackoffOptions = {}): ResolvedBackoff {
  return { baseMs: options.baseMs ?? BACKOFF_DEFAULTS.baseMs, maxMs: options.maxMs ?? BACKOFF_DEFAULTS.maxMs };
}

/** Redelivery delay after the n-th failed delivery: base, 2 base, 4 base ... capped at max (1 s, 2 s, 4 s ... 30 s). */
export function retryDelayMs(deliveries: number, backoff: ResolvedBackoff = BACKOFF_DEFAULTS): number {
  return Math.min(backoff.baseMs * 2 ** Math.max(0, deliveries - 1), backoff.maxMs);
}

/** Whether a failed delivery is the shard's last: the error says retrying cannot help, or MaxDeliver is spent. */
export function isFinalFailure(error: ErrorRecord, deliveries: number, maxDeliver: number): boolean {
  return !error.retryable || deliveries >= maxDeliver;
}
