/**
 * Builds RunBatch values for model tests from per-run parameter objects
 * (the role sweep/buildBatches plays in production).
 */
import type { BatchShape, RunBatch } from '../../model/batch.js';

export interface RunParams {
  successRate: number[];
  initialPattern?: number[];
  referencePattern?: number[];
  answerDistribution?: number[][];
  beta?: number;
  stepSize?: number;
  tMax?: number;
  maxSteps?: number;
  epsilon?: number;
  tolerance?: number;
  sftSteps?: number;
  sftRate?: number;
  sftTarget?: number[];
  gridIndex?: number;
  replicate?: number;
}

export const SHAPE_DEFAULTS: BatchShape = {
  patterns: 2,
  answers: 2,
  reward: 'rlvr',
  train: 'pattern',
  algorithm: 'euler',
  rollouts: 0,
  trajectoryPoints: 0,
};

export function uniformPattern(R: number): number[] {
  return Array.from({ length: R }, () => 1 / R);
}

export function makeBatch(shape: Partial<BatchShape> & { patterns: number }, runs: RunParams[], seed = 7): RunBatch {
  const s: BatchShape = { ...SHAPE_DEFAULTS, ...shape };
  const n = runs.length;
  const R = s.patterns;
  const A = s.answers;
  const rows = (get: (run: RunParams) => number[]) => {
    const out = new Float64Array(n * R);
    runs.forEach((run, i) => out.set(get(run), i * R));
    return out;
  };
  const column = (get: (run: RunParams) => number) => Float64Array.from(runs, get);
  const withAnswers = runs.some((run) => run.answerDistribution !== undefined);
  const withSft = runs.some((run) => (run.sftSteps ?? 0) > 0);
  let answerDistribution: Float64Array | null = null;
  if (withAnswers) {
    answerDistribution = new Float64Array(n * R * A);
    runs.forEach((run, i) => {
      const m = run.answerDistribution ?? run.successRate.map((p) => [p, ...Array.from({ length: A - 1 }, () => (1 - p) / (A - 1))]);
      m.forEach((row, r) => answerDistribution!.set(row, (i * R + r) * A));
    });
  }
  return {
    shape: s,
    size: n,
    successRate: rows((run) => run.successRate),
    initialPattern: rows((run) => run.initialPattern ?? uniformPattern(R)),
    referencePattern: rows((run) => run.referencePattern ?? run.initialPattern ?? uniformPattern(R)),
    answerDistribution,
    beta: column((run) => run.beta ?? 0),
    stepSize: column((run) => run.stepSize ?? 0.01),
    tMax: column((run) => run.tMax ?? 10),
    maxSteps: column((run) => run.maxSteps ?? 1e7),
    epsilon: column((run) => run.epsilon ?? 0.01),
    tolerance: column((run) => run.tolerance ?? 1e-8),
    sftSteps: column((run) => run.sftSteps ?? 0),
    sftRate: column((run) => run.sftRate ?? 0),
    sftTarget: withSft ? rows((run) => run.sftTarget ?? uniformPattern(R)) : null,
    seed,
    gridIndex: column((run) => run.gridIndex ?? 0),
    replicate: Uint32Array.from(runs, (run) => run.replicate ?? 0),
  };
}

/** Rows [start, end) of a batch, or the rows listed in `order`, as a new batch. */
export function selectRows(batch: RunBatch, order: number[]): RunBatch {
  const R = batch.shape.patterns;
  const A = batch.shape.answers;
  const pick = (a: Float64Array, width: number) => {
    const out = new Float64Array(order.length * width);
    order.forEach((row, k) => out.set(a.subarray(row * width, (row + 1) * width), k * width));
    return out;
  };
  return {
    ...batch,
    size: order.length,
    successRate: pick(batch.successRate, R),
    initialPattern: pick(batch.initialPattern, R),
    referencePattern: pick(batch.referencePattern, R),
    answerDistribution: batch.answerDistribution === null ? null : pick(batch.answerDistribution, R * A),
    beta: pick(batch.beta, 1),
    stepSize: pick(batch.stepSize, 1),
    tMax: pick(batch.tMax, 1),
    maxSteps: pick(batch.maxSteps, 1),
    epsilon: pick(batch.epsilon, 1),
    tolerance: pick(batch.tolerance, 1),
    sftSteps: pick(batch.sftSteps, 1),
    sftRate: pick(batch.sftRate, 1),
    sftTarget: batch.sftTarget === null ? null : pick(batch.sftTarget, R),
    gridIndex: pick(batch.gridIndex, 1),
    replicate: Uint32Array.from(order, (row) => batch.replicate[row]),
  };
}
