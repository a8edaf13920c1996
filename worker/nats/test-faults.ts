/**
 * Test-only fault injection at the worker edge (never in model/): lets the
 * cluster tests make a shard fail deterministically or take a known time.
 *   PATTERNSWEEP_TEST_FAIL_SHARDS=3,7        shards 3 and 7 always throw InjectedShardError
 *   PATTERNSWEEP_TEST_SHARD_DELAY_MS=400     every shard waits 400 ms first
 *   PATTERNSWEEP_TEST_SHARD_DELAY_MS=0:3000,5:50   per-shard waits (others: none)
 * Unset (production), the runner is returned unchanged.
 */
import type { ShardRunner } from './worker.js';

export class InjectedShardError extends Error {
  override readonly name = 'InjectedShardError';
  readonly code = 'E_INJECTED';
  constructor(message: string) {
    super(message);
  }
}

function parseShardList(raw: string): Set<number> {
  const items = raw.split(',').map((s) => s.trim()).filter((s) => /^\d+$/.test(s));
  return new Set(items.map(Number));
}

function parseDelays(raw: string): (shard: number) => number {
  if (/^\d+$/.test(raw.trim())) {
    const ms = Number(raw);
    return () => ms;
  }
  const map = new Map<number, number>();
  for (const pair of raw.split(',')) {
    const m = /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(pair);
    if (m !== null) map.set(Number(m[1]), Number(m[2]));
  }
  return (shard) => map.get(shard) ?? 0;
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function faultInjectingRunner(run: ShardRunner, env: NodeJS.ProcessEnv = process.env): ShardRunner {
  const failing = parseShardList(env.PATTERNSWEEP_TEST_FAIL_SHARDS ?? '');
  const delayRaw = env.PATTERNSWEEP_TEST_SHARD_DELAY_MS ?? '';
  if (failing.size === 0 && delayRaw === '') return run;
  const delayOf = delayRaw === '' ? () => 0 : parseDelays(delayRaw);
  return async (task, signal) => {
    const ms = delayOf(task.shard);
    if (ms > 0) await abortableDelay(ms, signal);
    if (failing.has(task.shard)) {
      throw new InjectedShardError(`shard ${task.shard}: failure injected by PATTERNSWEEP_TEST_FAIL_SHARDS`);
    }
    return run(task, signal);
  };
}
