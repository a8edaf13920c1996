/**
 * The one place a refinement level meets the sweep machinery: a level runs
 * as ordinary shards through the coordinator loop (coordinate.ts) over the
 * same work-queue transport a plain sweep uses (the local MemoryQueue lanes
 * or JetStream workers), one pass per level. Results go through the same
 * group-commit writer (StoreWriter) and are acked after their commit; shards
 * are generated lazily from the level's plan and the done set.
 *
 * A level is its own sweep on the wire (its derived spec and spec hash, so
 * its own sweep id); its shards keep their global numbers (the level's
 * `firstShard` + k) in the store. The loop sees a plan of
 * `firstShard + shardCount` shards whose first `firstShard` (the earlier
 * levels, all stored before this level was planned) are done.
 */
import type { Logger } from 'pino';
import type { BackendName } from '../model/backend.js';
import type { SweepQueueFactory } from '../queue/index.js';
import type { SweepPlan, SweepSpec } from '../sweep/index.js';
import { coordinate, type SweepObserver } from './coordinate.js';
import { DoneSet } from './done-set.js';
import { StoreWriter, type StoreWriterOptions } from './store-writer.js';
import type { ResultStore } from './store.js';

export interface LevelDispatchInput {
  readonly queues: SweepQueueFactory;
  readonly store: ResultStore;
  /** The level's derived spec (level 0: the spec itself), its hash and plan. */
  readonly spec: SweepSpec;
  readonly specHash: string;
  readonly specText: string;
  readonly plan: SweepPlan;
  /** Store shard number of the level's first shard. */
  readonly firstShard: number;
  /** The wire name of this level's pass. */
  readonly sweepId: string;
  readonly backend: BackendName;
  readonly maxInFlight?: number;
  readonly writer?: StoreWriterOptions;
  readonly observer?: SweepObserver;
  readonly logger?: Logger;
  readonly signal?: AbortSignal;
}

export interface LevelDispatchResult {
  /** Shards stored by this call. */
  readonly stored: number;
  /** Shards that failed for good in this call. */
  readonly failed: number;
  /** Shards of the level not yet done when the call began. */
  readonly pending: number;
  readonly protocolErrors: number;
  /** Every shard of the level done or failed. */
  readonly finished: boolean;
}

export async function dispatchLevel(input: LevelDispatchInput): Promise<LevelDispatchResult> {
  const { plan, firstShard } = input;
  const end = firstShard + plan.shardCount;
  // Done shards of the levels up to this one (later levels' shards are not this pass's).
  const ranges: [number, number][] = firstShard > 0 ? [[0, firstShard - 1]] : [];
  for (const [lo, hi] of await input.store.doneRanges()) {
    if (lo < end) ranges.push([lo, Math.min(hi, end - 1)]);
  }
  const done = DoneSet.fromRanges(ranges);
  const pending = end - done.size;
  if (pending === 0 || input.signal?.aborted === true) {
    return { stored: 0, failed: 0, pending, protocolErrors: 0, finished: pending === 0 };
  }
  const levelPlan: Pick<SweepPlan, 'shardCount' | 'shardRange' | 'size'> = {
    shardCount: end,
    size: plan.size,
    // Shards below firstShard are done: never enqueued; a stray result of one is dropped as done.
    shardRange: (shard) => (shard < firstShard ? { start: 0, end: 0 } : plan.shardRange(shard - firstShard)),
  };
  const writer = new StoreWriter(input.store, input.writer);
  const outcome = await coordinate({
    queues: input.queues,
    entry: { sweepId: input.sweepId, specHash: input.specHash, spec: input.spec, specText: input.specText },
    plan: levelPlan,
    layout: input.store.layout,
    done,
    writer,
    backend: input.backend,
    maxInFlight: input.maxInFlight,
    logger: input.logger,
    signal: input.signal,
    observer: input.observer,
  });
  return { stored: outcome.stored, failed: outcome.failed, pending, protocolErrors: outcome.protocolErrors, finished: outcome.finished };
}
