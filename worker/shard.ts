/**
 * One shard = a contiguous index range [start, end) of a sweep. `runShard` turns it into batches (sweep/buildBatches), simulates
 * them on a backend, and scatters the per-run statistics of docs/model.md §5 back
 * into index order, so the coordinator can store rows without knowing how the
 * shard was batched. The result depends only on the spec and the range, never
 * on the batching, the thread or the machine (docs/model.md §3, counter-based RNG).
 */
import { PatternsweepError } from '../errors/index.js';
import type { Backend, BackendName } from '../model/backend.js';
import { createBackend } from '../model/select.js';
import { STAT_NAMES, type StatName } from '../model/stats.js';
import type { ShardOutput } from '../queue/index.js';
import { buildBatches, planSweep, type SweepPlan, type SweepSpec } from '../sweep/index.js';
import { withPointAggregates, type PointAggregates } from '../sweep/point-aggregates.js';

/** A shard as a lane runs it: the spec comes from the spec store (by hash), the backend from the shard message. */
export interface ShardTask {
  readonly spec: SweepSpec;
  readonly specHash: string;
  readonly shard: number;
  /** First index of the shard (inclusive). */
  readonly start: number;
  /** One past the last index (exclusive). */
  readonly end: number;
  /** Resolved by the coordinator (never `auto` on the wire; `auto` is accepted for direct callers). */
  readonly backend: BackendName;
}

/** A range outside the sweep, or batches that disagree: the same every time, so not retried. */
export class ShardRangeError extends PatternsweepError {
  override readonly name = 'ShardRangeError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('SHARD_RANGE', message, { ...options, retryable: false });
  }
}

// Per-thread caches: a backend is costly to create (tfjs/wasm init), a plan is
// cheap but reused by every shard of the same sweep.
const backends = new Map<BackendName, Promise<Backend>>();
const plans = new Map<string, SweepPlan>();

function backendFor(name: BackendName): Promise<Backend> {
  const cached = backends.get(name);
  if (cached !== undefined) return cached;
  const created: Promise<Backend> = createBackend(name);
  // A failed creation must not poison the cache for later shards.
  created.catch(() => backends.delete(name));
  backends.set(name, created);
  return created;
}

function planFor(task: ShardTask): SweepPlan {
  let plan = plans.get(task.specHash);
  if (plan === undefined) {
    plan = planSweep(task.spec);
    plans.set(task.specHash, plan);
  }
  return plan;
}

export async function runShard(task: ShardTask): Promise<ShardOutput> {
  const began = performance.now();
  const plan = planFor(task);
  const { start, end } = task;
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= plan.size)) {
    throw new ShardRangeError(
      `shard ${task.shard}: range [${start}, ${end}) is not inside the sweep's index space [0, ${plan.size})`,
    );
  }
  const n = end - start;
  const columns = {} as Record<StatName, Float64Array>;
  for (const name of STAT_NAMES) columns[name] = new Float64Array(n);
  let trajectory: { points: number; time: Float64Array; acc: Float64Array; piOpt: Float64Array } | null = null;
  const backend = await backendFor(task.backend);
  const ran = new Set<string>();

  for (const { batch, rows } of buildBatches(plan, start, end)) {
    const stats = await backend.simulate(batch);
    ran.add(backend.name);
    for (const name of STAT_NAMES) {
      const from = stats.columns[name];
      const to = columns[name];
      for (let i = 0; i < rows.length; i++) to[rows[i]] = from[i];
    }
    const tr = stats.trajectory;
    if (tr !== null && tr.points > 0) {
      const k = tr.points;
      if (trajectory === null) {
        trajectory = {
          points: k,
          time: new Float64Array(n * k).fill(Number.NaN),
          acc: new Float64Array(n * k).fill(Number.NaN),
          piOpt: new Float64Array(n * k).fill(Number.NaN),
        };
      } else if (trajectory.points !== k) {
        throw new ShardRangeError(
          `shard ${task.shard}: batches kept ${trajectory.points} and ${k} trajectory points; one sweep keeps one count`,
        );
      }
      for (let i = 0; i < rows.length; i++) {
        const dst = rows[i] * k;
        const src = i * k;
        trajectory.time.set(tr.time.subarray(src, src + k), dst);
        trajectory.acc.set(tr.acc.subarray(src, src + k), dst);
        trajectory.piOpt.set(tr.piOpt.subarray(src, src + k), dst);
      }
    }
  }
  const out: ShardOutput = {
    shard: task.shard,
    start,
    end,
    columns,
    trajectory,
    backend: ran.size > 0 ? [...ran].sort().join('+') : backend.name,
    elapsedMs: performance.now() - began,
  };
  return task.spec.keep.runs === false ? withPointAggregates(task.spec, out) : out;
}
