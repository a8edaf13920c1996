/**
 * Index range -> RunBatches. Every run's parameters are a pure function of
 * its index (axis values by mixed radix, per-replicate draws keyed by
 * (seed, point, replicate, stream) — streams.ts), so a run gets the same bits
 * whatever shard or batch holds it.
 */
import { EXACT_ALGORITHMS, type BatchShape, type RunBatch } from '../model/batch.js';
import { RunDecodeError, SweepRangeError } from './errors.js';
import { baseRunConfig, type RunConfig } from './fields.js';
import { resolvePatternForm, resolveSuccessRate } from './patterns.js';
import { divmod, planInternals, type SweepPlan } from './plan.js';
import { STREAM_SUCCESS_RATE } from './streams.js';

/** Runs of one shape; `rows[i]` is the position (index - start) of batch row i. */
export interface PlannedBatch {
  readonly batch: RunBatch;
  readonly rows: Uint32Array;
}

/** Rules whose step is fixed, so tMax fixes the number of steps. */
const FIXED_STEP = new Set(['euler', 'rk4', 'reinforce', 'grpo']);

/**
 * Step cap of a run: fixed-step rules (euler, rk4, reinforce, grpo) need
 * ceil(tMax / stepSize) steps to reach tMax, capped by horizon.maxSteps;
 * adaptive takes horizon.maxSteps as its cap. docs/spec.md "horizon".
 */
export function effectiveMaxSteps(run: Pick<RunConfig, 'rule' | 'tMax' | 'stepSize' | 'maxSteps'>): number {
  if (!FIXED_STEP.has(run.rule)) return run.maxSteps;
  return Math.max(1, Math.min(run.maxSteps, Math.ceil(run.tMax / run.stepSize)));
}

export function shapeOf(run: RunConfig, trajectoryPoints: number): BatchShape {
  return {
    patterns: run.patterns,
    answers: run.answers,
    reward: run.reward,
    train: run.train,
    algorithm: run.rule,
    rollouts: EXACT_ALGORITHMS.includes(run.rule) ? 0 : run.rollouts,
    trajectoryPoints,
  };
}

const shapeKey = (s: BatchShape) => `${s.patterns}|${s.answers}|${s.reward}|${s.train}|${s.algorithm}|${s.rollouts}|${s.trajectoryPoints}`;

interface DecodedRun {
  readonly index: number;
  readonly point: number;
  readonly replicate: number;
  readonly run: RunConfig;
}

/** The run parameters of `index` (axis values applied, distributions not yet resolved). */
export function decodeRun(plan: SweepPlan, index: number): DecodedRun {
  const p = planInternals(plan);
  const d = p.describe(index);
  const run = baseRunConfig(p.spec);
  const values = p.gridValues(d.gridPoint);
  p.gridFields.forEach((f, i) => applyAxis(f, run, values[i]));
  if (p.sampleFields.length > 0) {
    const values = p.sampleValues(d.sample);
    p.sampleFields.forEach((f, i) => applyAxis(f, run, values[i]));
  }
  return { index, point: d.point, replicate: d.replicate, run };
}

function applyAxis(field: ReturnType<typeof planInternals>['sampleFields'][number], run: RunConfig, value: number | string): void {
  if (field.kind === 'enum') field.apply(run, value as string);
  else field.apply(run, value as number);
}

/** Runs [start, end) grouped by BatchShape (groups in order of first appearance). */
export function buildBatches(plan: SweepPlan, start: number, end: number): PlannedBatch[] {
  const p = planInternals(plan);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < p.firstIndex || end > p.size || start > end) {
    throw new SweepRangeError(`index range [${start}, ${end}) is not inside [${p.firstIndex}, ${p.size})`);
  }
  if (end - start > 0xffffffff) throw new SweepRangeError(`index range of ${end - start} runs exceeds 2^32 - 1`);
  const K = p.spec.keep.trajectories;
  const groups = new Map<string, { shape: BatchShape; runs: DecodedRun[]; rows: number[] }>();
  // Consecutive indices are replicates of one point: decode the point's parameters once
  // (a RunConfig is never mutated after decoding, so replicates may share it).
  let last: DecodedRun | null = null;
  for (let index = start; index < end; index++) {
    const [point, replicate] = divmod(index, p.replicates);
    const decoded: DecodedRun =
      last !== null && last.point === point ? { index, point, replicate, run: last.run } : decodeRun(plan, index);
    last = decoded;
    const shape = shapeOf(decoded.run, K);
    const key = shapeKey(shape);
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { shape, runs: [], rows: [] }));
    group.runs.push(decoded);
    group.rows.push(index - start);
  }
  return [...groups.values()].map((g) => ({ batch: fillBatch(p.spec, g.shape, g.runs), rows: Uint32Array.from(g.rows) }));
}

function fillBatch(spec: SweepPlan['spec'], shape: BatchShape, runs: readonly DecodedRun[]): RunBatch {
  const n = runs.length;
  const R = shape.patterns;
  const A = shape.answers;
  const successRate = new Float64Array(n * R);
  const initialPattern = new Float64Array(n * R);
  const referencePattern = new Float64Array(n * R);
  const usesSft = runs.some((r) => r.run.sftSteps > 0);
  const sftTarget = usesSft ? new Float64Array(n * R) : null;
  const ad = spec.model.answerDistribution;
  const answerDistribution = ad === null ? null : new Float64Array(n * R * A);
  const column = () => new Float64Array(n);
  const batch = {
    shape,
    size: n,
    successRate,
    initialPattern,
    referencePattern,
    answerDistribution,
    beta: column(),
    stepSize: column(),
    tMax: column(),
    maxSteps: column(),
    epsilon: column(),
    tolerance: column(),
    sftSteps: column(),
    sftRate: column(),
    sftTarget,
    seed: spec.seed,
    gridIndex: column(),
    replicate: new Uint32Array(n),
  } satisfies RunBatch;

  for (let i = 0; i < n; i++) {
    const { index, point, replicate, run } = runs[i];
    const o = i * R;
    if (run.successRate.kind === 'uniform' && run.successRate.low > run.successRate.high) {
      throw new RunDecodeError(index, 'model.successRate.uniform', `[${run.successRate.low}, ${run.successRate.high}] has low > high`);
    }
    if (run.successRate.kind === 'list' && run.successRate.values.length !== R) {
      throw new RunDecodeError(index, 'model.successRate', `${run.successRate.values.length} values but model.patterns is ${R}`);
    }
    resolveSuccessRate(run.successRate, R, { seed: spec.seed, gridIndex: point, replicate, stream: STREAM_SUCCESS_RATE }, successRate, o);
    const initialProblem = resolvePatternForm(run.initialPattern, R, successRate, o, initialPattern, o);
    if (initialProblem !== null) throw new RunDecodeError(index, 'model.initialPattern', initialProblem);
    if (run.referencePattern.kind === 'initial') {
      referencePattern.set(initialPattern.subarray(o, o + R), o);
    } else {
      const problem = resolvePatternForm(run.referencePattern, R, successRate, o, referencePattern, o);
      if (problem !== null) throw new RunDecodeError(index, 'model.referencePattern', problem);
    }
    if (sftTarget !== null) {
      const problem = resolvePatternForm(run.sftTarget, R, successRate, o, sftTarget, o);
      if (problem !== null) throw new RunDecodeError(index, 'sft.target', problem);
    }
    if (answerDistribution !== null && ad !== null) {
      for (let r = 0; r < R; r++) answerDistribution.set(ad[r], (o + r) * A);
    }
    batch.beta[i] = run.beta;
    batch.stepSize[i] = run.stepSize;
    batch.tMax[i] = run.tMax;
    batch.maxSteps[i] = effectiveMaxSteps(run);
    batch.epsilon[i] = run.epsilon;
    batch.tolerance[i] = run.tolerance;
    batch.sftSteps[i] = run.sftSteps;
    batch.sftRate[i] = run.sftRate;
    batch.gridIndex[i] = point;
    batch.replicate[i] = replicate;
  }
  return batch;
}

