/** Size and cost of a sweep before running it (`patternsweep validate`). */
import { EXACT_ALGORITHMS } from '../model/batch.js';
import { effectiveMaxSteps } from './batches.js';
import { decodeRun } from './batches.js';
import { formatCount, formatDuration } from './format.js';
import type { SweepPlan } from './plan.js';
import { specHash } from './hash.js';

/**
 * Assumed element-steps per second per thread of the js kernel (one
 * element-step = one pattern (or answer) entry updated once). A rough figure
 * for planning only; `npm run bench:kernel` measures the real one.
 */
export const ASSUMED_THROUGHPUT = 5e7;
/** Steps assumed for an `adaptive` run (it stops far earlier than maxSteps on most runs). */
export const ASSUMED_ADAPTIVE_STEPS = 2000;
/** Runs looked at to estimate the mean cost (evenly spaced over the index space). */
const PROBES = 1000;

export interface WorkEstimate {
  readonly runs: number;
  readonly points: number;
  readonly replicates: number;
  readonly shards: number;
  /** Expected steps per run (mean over probed runs). */
  readonly stepsPerRun: number;
  /** runs x (R (x A when answers train) + rollouts) x expected steps. */
  readonly elementSteps: number;
  readonly assumedThroughput: number;
  /** Rough single-thread time, seconds. */
  readonly seconds: number;
}

export function estimateWork(plan: SweepPlan): WorkEstimate {
  const probes = Math.min(PROBES, plan.size);
  let steps = 0;
  let elementSteps = 0;
  for (let k = 0; k < probes; k++) {
    const index = Math.floor((k * plan.size) / probes);
    const { run } = decodeRun(plan, index);
    const s = run.rule === 'adaptive' ? Math.min(run.maxSteps, ASSUMED_ADAPTIVE_STEPS) : effectiveMaxSteps(run);
    const width = run.patterns * (run.train === 'both' ? run.answers : 1) + (EXACT_ALGORITHMS.includes(run.rule) ? 0 : run.rollouts);
    steps += s;
    elementSteps += s * width;
  }
  const scale = probes === 0 ? 0 : plan.size / probes;
  const total = elementSteps * scale;
  return {
    runs: plan.size,
    points: plan.points,
    replicates: plan.replicates,
    shards: plan.shardCount,
    stepsPerRun: probes === 0 ? 0 : steps / probes,
    elementSteps: total,
    assumedThroughput: ASSUMED_THROUGHPUT,
    seconds: total / ASSUMED_THROUGHPUT,
  };
}

function describeValues(values: readonly (number | string)[]): string {
  const shown = values.slice(0, 6).map((v) => (typeof v === 'number' ? String(Number(v.toPrecision(6))) : v));
  return `${values.length} value${values.length === 1 ? '' : 's'}: ${shown.join(', ')}${values.length > 6 ? ', ...' : ''}`;
}

/** Multi-line summary of a plan: size, shards, axes, estimate. */
export function formatPlan(plan: SweepPlan): string {
  const spec = plan.spec;
  const work = estimateWork(plan);
  const lines = [
    `sweep ${spec.name} (spec ${specHash(spec).slice(0, 12)})`,
    `runs: ${formatCount(plan.size)} = ${formatCount(plan.gridPoints)} grid points x ${formatCount(plan.sampleCount)} samples x ${plan.replicates} replicates`,
    `shards: ${formatCount(plan.shardCount)} of ${plan.shardSize} runs`,
  ];
  if (plan.axes.length > 0) lines.push('axes:');
  for (const axis of plan.axes) {
    if (axis.values !== undefined) {
      lines.push(`  ${axis.name} (grid, ${axis.kind}): ${describeValues(axis.values)}`);
    } else if (axis.distribution !== undefined) {
      const d = axis.distribution;
      lines.push(`  ${axis.name} (sample ${axis.method}): ${d.kind} [${d.low}, ${d.high}]`);
    }
  }
  lines.push(
    `estimate: ${formatCount(Math.round(work.elementSteps))} element-steps (about ${formatCount(Math.round(work.stepsPerRun))} steps per run),` +
      ` ${formatDuration(work.seconds)} on one thread at an assumed ${formatCount(ASSUMED_THROUGHPUT)} element-steps/s`,
  );
  return lines.join('\n');
}
