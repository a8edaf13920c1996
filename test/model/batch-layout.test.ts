/**
 * A run's statistics depend only on its own row: bit-identical when the batch
 * is split, reordered or resized (exact and stochastic rules).
 */
import t, { type Test } from 'tap';
import type { BatchShape, RunBatch } from '../../model/batch.js';
import { jsBackend, STAT_NAMES, type BatchStats } from '../../model/index.js';
import { makeBatch, selectRows, type RunParams } from './make-batch.js';

function mixedRuns(count: number, R: number): RunParams[] {
  return Array.from({ length: count }, (_, i) => {
    const successRate = Array.from({ length: R }, (_, r) => ((r * 37 + i * 11) % 97) / 97);
    const raw = Array.from({ length: R }, (_, r) => 1 + ((r * 13 + i * 7) % 5));
    const total = raw.reduce((a, b) => a + b, 0);
    return {
      successRate,
      initialPattern: raw.map((x) => x / total),
      beta: (i % 3) * 0.05,
      stepSize: 0.05,
      tMax: 20 + i,
      tolerance: 1e-7,
      epsilon: 0.05,
      gridIndex: 1000 + i,
      replicate: i % 4,
    };
  });
}

/** Bits of one row of every column and trajectory array. */
function rowBits(stats: BatchStats, row: number): string {
  const values: number[] = STAT_NAMES.map((name) => stats.columns[name][row]);
  const trajectory = stats.trajectory;
  if (trajectory !== null) {
    const K = trajectory.points;
    for (const array of [trajectory.time, trajectory.acc, trajectory.piOpt]) values.push(...array.subarray(row * K, (row + 1) * K));
  }
  return Buffer.from(Float64Array.from(values).buffer).toString('hex');
}

async function layoutInvariant(t: Test, shape: Partial<BatchShape> & { patterns: number }): Promise<void> {
  const n = 10;
  const batch: RunBatch = makeBatch({ trajectoryPoints: 5, ...shape }, mixedRuns(n, shape.patterns), 99);
  const whole = await jsBackend.simulate(batch);
  const expected = Array.from({ length: n }, (_, i) => rowBits(whole, i));
  // Sanity: rows differ from one another (the comparison is not vacuous).
  t.equal(new Set(expected).size, n, 'rows differ');
  const layouts: number[][] = [
    [...Array(n).keys()].reverse(),
    [3, 7, 1],
    [5],
    [9, 0, 9, 2, 2, 6, 4, 8], // repeats and a different size
  ];
  for (const order of layouts) {
    const stats = await jsBackend.simulate(selectRows(batch, order));
    order.forEach((row, k) => t.equal(rowBits(stats, k), expected[row], `row ${row} at position ${k} of [${order}]`));
  }
}


t.test('exact rules', async (t) => {
  for (const algorithm of ['euler', 'rk4', 'adaptive'] as const) {
    await t.test(algorithm, (t) => layoutInvariant(t, { patterns: 4, algorithm }));
  }
  await t.test('euler, train both, trajectory-logprob', (t) =>
    layoutInvariant(t, { patterns: 3, answers: 3, algorithm: 'euler', train: 'both', reward: 'trajectory-logprob' }),
  );
});

t.test('stochastic rules', async (t) => {
  await t.test('reinforce', (t) => layoutInvariant(t, { patterns: 4, algorithm: 'reinforce', rollouts: 8 }));
  await t.test('grpo, train both', (t) => layoutInvariant(t, { patterns: 3, algorithm: 'grpo', rollouts: 6, train: 'both' }));
});
