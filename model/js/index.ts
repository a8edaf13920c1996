/**
 * The reference backend: a fused float64 TypeScript kernel of docs/model.md §1–5.
 * Runs are simulated one at a time, each from its own row only, so statistics
 * are bit-identical whatever the batch size, order or position.
 */
import type { Backend } from '../backend.js';
import type { BatchShape, RunBatch } from '../batch.js';
import { allocateStats, STAT_NAMES, type BatchStats, type StatName } from '../stats.js';
import { validateBatch } from '../validate.js';
import { createScratch, simulateRow, type KernelScratch } from './run.js';

/** Validates the batch, then simulates every row. Never throws for a diverging run. */
export function simulateBatch(batch: RunBatch): BatchStats {
  validateBatch(batch);
  return simulateRows(batch, batch.size === 0 ? null : createScratch(batch));
}

/** Simulates every row of a validated batch with `scratch` (made for its shape; null only when empty). */
function simulateRows(batch: RunBatch, scratch: KernelScratch | null): BatchStats {
  const stats = allocateStats(batch.size, batch.shape.trajectoryPoints);
  if (scratch === null) return stats;
  for (let i = 0; i < batch.size; i++) simulateRow(batch, i, scratch, stats);
  return stats;
}

/** The js backend without state: a fresh workspace per call. */
export const jsBackend: Backend = {
  name: 'js',
  simulate(batch: RunBatch): Promise<BatchStats> {
    try {
      return Promise.resolve(simulateBatch(batch));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};

/**
 * A js backend that keeps the workspace of its last batch shape for the
 * next call of that shape. Sweeps of small shards call with a few runs at a
 * time, and a run of `adaptive` is ~16 steps (~15 us), so allocating the
 * workspace (~3 us) was a fifth of a one-run call. Results cannot depend on
 * what a previous call left there: prepareRow sets every per-run field, as
 * it does between the rows of one batch (which the bit-identity tests run in
 * any order and split). Calls never interleave (simulate runs to completion
 * synchronously), so one workspace serves all; one backend per thread.
 */
export function createJsBackend(): Backend {
  let kept: { readonly shape: BatchShape; readonly scratch: KernelScratch } | null = null;
  return {
    name: 'js',
    simulate(batch: RunBatch): Promise<BatchStats> {
      try {
        validateBatch(batch);
        if (batch.size > 0 && (kept === null || !sameShape(kept.shape, batch.shape))) {
          kept = { shape: { ...batch.shape }, scratch: createScratch(batch) };
        }
        return Promise.resolve(simulateRows(batch, batch.size === 0 ? null : kept!.scratch));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}

/** Everything a workspace's layout depends on. */
function sameShape(a: BatchShape, b: BatchShape): boolean {
  return (
    a.patterns === b.patterns &&
    a.answers === b.answers &&
    a.reward === b.reward &&
    a.train === b.train &&
    a.algorithm === b.algorithm &&
    a.rollouts === b.rollouts &&
    a.trajectoryPoints === b.trajectoryPoints
  );
}

/** One run's statistics, trajectory and final policy. */
export interface RunResult {
  readonly stats: Readonly<Record<StatName, number>>;
  /** Final pi(r), length R. */
  readonly pattern: Float64Array;
  /** Final pi(a|r), [R, A] (the frozen initial layer with `train: pattern`). */
  readonly answer: Float64Array;
  /** Final logits: z (R), then w (R x A) with `train: both`. */
  readonly state: Float64Array;
  /** Log-spaced samples when the shape keeps K > 0 points. */
  readonly trajectory: { readonly time: Float64Array; readonly acc: Float64Array; readonly piOpt: Float64Array } | null;
}

/**
 * Simulates row `row` of a batch alone and returns its final state too (for
 * oracle tests, e.g. the KL-regularised optimum of docs/model.md §4). Same
 * numbers as `jsBackend.simulate` gives for that row.
 */
export function simulateRun(batch: RunBatch, row: number): RunResult {
  validateBatch(batch);
  if (!(Number.isInteger(row) && row >= 0 && row < batch.size)) {
    throw new RangeError(`row: ${row} is not an integer in [0, ${batch.size})`);
  }
  const K = batch.shape.trajectoryPoints;
  const stats = allocateStats(batch.size, K);
  const scratch = createScratch(batch);
  simulateRow(batch, row, scratch, stats);
  const record = {} as Record<StatName, number>;
  for (const name of STAT_NAMES) record[name] = stats.columns[name][row];
  const ws = scratch.workspace;
  const t = stats.trajectory;
  return {
    stats: record,
    pattern: ws.pattern.slice(),
    answer: ws.answer.slice(),
    state: ws.state.slice(),
    trajectory:
      t === null
        ? null
        : {
            time: t.time.slice(row * K, (row + 1) * K),
            acc: t.acc.slice(row * K, (row + 1) * K),
            piOpt: t.piOpt.slice(row * K, (row + 1) * K),
          },
  };
}
