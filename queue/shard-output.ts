/**
 * What a computed shard is, in every transport: the statistic columns of
 * docs/model.md §5 in index order (row i = index start + i), trajectories if kept.
 * The worker produces it (worker/shard.ts), the store writes it
 * (coordinator/store.ts); JetStream carries it as a ShardResult (proto/).
 */
import type { StatName } from '../model/stats.js';
import type { PointAggregates } from '../sweep/point-aggregates.js';

export interface ShardTrajectory {
  /** K, samples per run. */
  readonly points: number;
  /** [n, K] sample times, ACC and pi(r*), row i = index start + i. */
  readonly time: Float64Array;
  readonly acc: Float64Array;
  readonly piOpt: Float64Array;
}

export interface ShardOutput {
  readonly shard: number;
  readonly start: number;
  readonly end: number;
  /**
   * Every statistic of STAT_NAMES, length end - start, index order (row i =
   * index start + i); length 0 when the spec keeps no runs (then `points`).
   */
  readonly columns: Record<StatName, Float64Array>;
  /** keep.runs: false only: per grid point aggregates of the shard's runs (sweep/point-aggregates.ts). */
  readonly points?: PointAggregates;
  readonly trajectory: ShardTrajectory | null;
  /** What actually ran (e.g. `js`, `tfjs-wasm`). */
  readonly backend: string;
  readonly elapsedMs: number;
}
