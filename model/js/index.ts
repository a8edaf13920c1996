/**
 * The reference backend: a fused float64 TypeScript kernel of MODEL.md §1–5.
 * Runs are simulated one at a time, each from its own row only, so statistics
 * are bit-identical whatever the batch size, order or position.
 */
import type { Backend } from '../backend.js';
import type { RunBatch } from '../batch.js';
import { allocateStats, STAT_NAMES, type BatchStats, type StatName } from '../stats.js';
import { validateBatch } from '../validate.js';
import { createScratch, simulateRow } from './run.js';

/** Validates the batch, then simulates every row. Never throws for a diverging run. */
export function simulateBatch(batch: RunBatch): BatchStats {
  validateBatch(batch);
  const stats = allocateStats(batch.size, batch.shape.trajectoryPoints);
  if (batch.size === 0) return stats;
  const scratch = createScratch(batch);
  for (let i = 0; i < batch.size; i++) simulateRow(batch, i, scratch, stats);
  return stats;
}

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
 * oracle tests, e.g. the KL-regularised optimum of MODEL.md §4). Same
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
