/**
 * A timed probe of a sweep's cost (`patternsweep validate`): a few of its runs,
 * spread evenly over the index space, are computed here one at a time and
 * timed, and the mean time per run is scaled to the whole sweep on the
 * threads it would get. Costs differ by orders of magnitude between specs
 * (exact flow vs REINFORCE, R = 3 vs 10^4), which no assumed throughput
 * captures; a probe of the spec itself does.
 */
import type { BackendName } from '../model/backend.js';
import { EXACT_ALGORITHMS } from '../model/batch.js';
import { decodeRun, effectiveMaxSteps, estimateWork, type SweepPlan, type SweepSpec } from '../sweep/index.js';
import { ASSUMED_ADAPTIVE_STEPS } from '../sweep/estimate.js';
import { runShard } from './shard.js';

/**
 * A run's expected work in element-steps (sweep/estimate.ts): the probe's
 * times are scaled by it, so a few probed runs of R = 10^4 and of R = 10 give
 * the right total even when the probe's mix of them differs from the sweep's.
 */
function runWork(plan: SweepPlan, index: number): number {
  const { run } = decodeRun(plan, index);
  const steps = run.rule === 'adaptive' ? Math.min(run.maxSteps, ASSUMED_ADAPTIVE_STEPS) : effectiveMaxSteps(run);
  const width = run.patterns * (run.train === 'both' ? run.answers : 1) + (EXACT_ALGORITHMS.includes(run.rule) ? 0 : run.rollouts);
  return Math.max(1, steps * width);
}

export interface CostProbeOptions {
  /** Most runs probed. @default 24 */
  readonly maxRuns?: number;
  /** Fewest runs probed even past the budget (when the sweep has them). @default 3 */
  readonly minRuns?: number;
  /** Stop probing after this much compute, ms. @default 3000 */
  readonly budgetMs?: number;
  /** Threads the sweep will run on. */
  readonly threads: number;
  /** Seconds this process took to start (node, imports): `run` pays them too. @default 0 */
  readonly startupSeconds?: number;
  /** Fixed cost of storing: opening the store, the summary, the Parquet and CSV exports. @default 1 s */
  readonly storeSeconds?: number;
  readonly now?: () => number;
}

export const COST_PROBE_DEFAULTS = Object.freeze({ maxRuns: 24, minRuns: 3, budgetMs: 3000, storeSeconds: 1 });

export interface CostProbe {
  readonly probedRuns: number;
  readonly probeSeconds: number;
  /** Mean compute time of one run, seconds (one thread). */
  readonly secondsPerRun: number;
  /** Expected wall time of `patternsweep run` on `threads` threads, seconds. */
  readonly wallSeconds: number;
  readonly threads: number;
}

/** Index k of `count` evenly spread over [0, size), in an order that covers the space coarsely first. */
function probeIndices(size: number, count: number): number[] {
  const order: number[] = [];
  const seen = new Set<number>();
  // Bit-reversal order of 0..count-1: any prefix is spread over the whole index space.
  const bits = Math.max(1, Math.ceil(Math.log2(count)));
  for (let k = 0; k < 2 ** bits; k++) {
    let r = 0;
    for (let b = 0; b < bits; b++) if (k & (1 << b)) r |= 1 << (bits - 1 - b);
    if (r >= count) continue;
    const index = Math.min(size - 1, Math.floor(((r + 0.5) * size) / count));
    if (!seen.has(index)) {
      seen.add(index);
      order.push(index);
    }
  }
  return order;
}

export async function probeCost(
  plan: SweepPlan,
  spec: SweepSpec,
  specHash: string,
  backend: BackendName,
  options: CostProbeOptions,
): Promise<CostProbe> {
  const now = options.now ?? (() => performance.now());
  const maxRuns = options.maxRuns ?? COST_PROBE_DEFAULTS.maxRuns;
  const minRuns = options.minRuns ?? COST_PROBE_DEFAULTS.minRuns;
  const budget = options.budgetMs ?? COST_PROBE_DEFAULTS.budgetMs;
  const store = options.storeSeconds ?? COST_PROBE_DEFAULTS.storeSeconds;
  const indices = probeIndices(plan.size, Math.min(maxRuns, plan.size));
  const task = (index: number) => ({ spec, specHash, shard: 0, start: index, end: index + 1, backend });
  // Warm-up (backend set-up, JIT) on the first index: not a run's cost, but each of run's threads pays it once.
  const warm = now();
  await runShard(task(indices[0]));
  const warmupSeconds = (now() - warm) / 1000;
  let spent = 0;
  let probed = 0;
  let work = 0;
  for (const index of indices) {
    if (probed >= minRuns && spent >= budget) break;
    const began = now();
    await runShard(task(index));
    spent += now() - began;
    work += runWork(plan, index);
    probed++;
  }
  // Ratio estimate: seconds per element-step of the probed runs times the sweep's element-steps.
  const secondsPerRun = ((spent / 1000 / work) * estimateWork(plan).elementSteps) / plan.size;
  // Shards are the unit of parallelism: fewer shards than threads leave threads idle, and 3 shards on
  // 2 threads take two rounds. Rounds of whole shards, each of shardSize runs at the mean cost.
  const lanes = Math.max(1, Math.min(options.threads, plan.shardCount));
  const rounds = Math.ceil(plan.shardCount / lanes);
  const computeSeconds = secondsPerRun * Math.min(plan.size, rounds * plan.shardSize);
  return {
    probedRuns: probed,
    probeSeconds: spent / 1000,
    secondsPerRun,
    wallSeconds: (options.startupSeconds ?? 0) + warmupSeconds + store + computeSeconds,
    threads: lanes,
  };
}
