/**
 * Columnar ingest (coordinator/chunk-writer.ts) against the row-by-row
 * appender it replaced (test/helpers/row-by-row-store.ts): the same shards
 * stored both ways give bit-identical runs, trajectories and shards tables,
 * on synthetic shards with every edge value (NaN, ±Infinity, -0, integers
 * near 2^53, NULL-only and NULL-free chunks) and on a real sweep.
 */
import { join } from 'node:path';
import t from 'tap';
import { ResultStore, type DescribeIndex, type ShardRecord, type StoreLayout } from '../../coordinator/store.js';
import { layoutOf } from '../../coordinator/sweep-run.js';
import { parseSpec, planSweep, specHash } from '../../sweep/index.js';
import { runShard } from '../../worker/shard.js';
import type { ShardOutput } from '../../queue/index.js';
import { commitRowByRow } from '../helpers/row-by-row-store.js';
import { hashUniform, syntheticLayout, syntheticShard, tempDir } from './fixtures.js';
import { tableBits } from './sweeps.js';

const RUNS = 'SELECT * FROM runs ORDER BY idx';
const TRAJECTORIES = 'SELECT * FROM trajectories ORDER BY idx, k';
const SHARDS = 'SELECT shard, start_idx, end_idx, status, worker, backend, elapsed_ms, attempts, error FROM shards ORDER BY shard';

/** Stores `batches` with the columnar store in `dir/new` and row by row in `dir/old`; returns both db paths. */
async function storeBothWays(
  dir: string,
  layout: StoreLayout,
  describe: DescribeIndex,
  describeRange: ((start: number, end: number) => ReturnType<NonNullable<Parameters<typeof ResultStore.open>[0]['describeRange']>>) | undefined,
  batches: readonly (readonly ShardRecord[])[],
): Promise<{ fresh: string; old: string; outcomes: { fresh: string[][]; old: string[][] } }> {
  const open = (sub: string) =>
    ResultStore.open({ dir: join(dir, sub), layout, specText: '', specJson: '{}', describe, describeRange });
  const fresh = await open('new');
  const old = await open('old');
  const outcomes = { fresh: [] as string[][], old: [] as string[][] };
  for (const batch of batches) {
    outcomes.fresh.push(await fresh.commit(batch));
    outcomes.old.push(await commitRowByRow(old.connection, layout, describe, batch));
  }
  await fresh.close();
  await old.close();
  return { fresh: join(dir, 'new', 'sweep.duckdb'), old: join(dir, 'old', 'sweep.duckdb'), outcomes };
}

/** Overwrites some values with the edge cases the conversion must keep exactly. */
function withEdges(out: ShardOutput, trajectoryPoints: number): ShardOutput {
  const c = out.columns;
  const n = out.end - out.start;
  for (let i = 0; i < n; i++) {
    const u = hashUniform(out.start + i, 99);
    if (u < 0.05) c.acc_final[i] = Number.POSITIVE_INFINITY;
    else if (u < 0.1) c.d_acc0[i] = Number.NEGATIVE_INFINITY;
    else if (u < 0.15) c.drop[i] = -0;
    else if (u < 0.2) c.steps_taken[i] = Number.POSITIVE_INFINITY;
    else if (u < 0.25) c.steps_taken[i] = 2 ** 53 - 1 - i;
    else if (u < 0.3) c.regime[i] = Number.NaN;
    else if (u < 0.35) c.final_argmax[i] = -3.7;
    else if (u < 0.4) c.converged[i] = Number.NaN;
    else if (u < 0.45) c.ends_on_opt[i] = 0.25;
  }
  // Whole chunks without any NULL in t_conv after chunks with many.
  if (out.start >= 2048) c.t_conv.fill(1.5);
  if (trajectoryPoints === 0) return out;
  const k = trajectoryPoints;
  const series = (salt: number) =>
    Float64Array.from({ length: n * k }, (_, j) => {
      const u = hashUniform(out.start * k + j, salt);
      return u < 0.1 ? Number.NaN : u;
    });
  return { ...out, trajectory: { points: k, time: series(1), acc: series(2), piOpt: series(3) } };
}

t.test('synthetic shards across chunk boundaries: runs, trajectories and shards bit-identical to row-by-row', async (t) => {
  const dir = await tempDir(t);
  // 6 points x 700 replicates = 4200 runs; shards of 1500 straddle the 2048-row chunks.
  const s = syntheticLayout(700, 1500);
  const layout: StoreLayout = { ...s.layout, trajectoryPoints: 3 };
  const shard = (k: number): ShardOutput => {
    const { start, end } = s.shardRange(k);
    return withEdges(syntheticShard(k, start, end), 3);
  };
  const result = (k: number, worker = 'w'): ShardRecord => ({ kind: 'result', out: shard(k), meta: { worker, attempts: 1 } });
  const failure = (k: number, name: string): ShardRecord => ({
    kind: 'failure',
    task: { shard: k, ...s.shardRange(k) },
    error: { name, message: "it's broken", attempts: 2 },
    worker: 'w9',
  });
  const batches: ShardRecord[][] = [
    [failure(1, 'Early')],
    [result(2), failure(0, 'Boom'), result(0, 'w2'), result(2, 'late')],
    [result(1), failure(2, 'TooLate')],
  ];
  const { fresh, old, outcomes } = await storeBothWays(dir, layout, s.describe, undefined, batches);
  t.same(outcomes.fresh, outcomes.old, 'same outcomes per record');
  t.same(outcomes.fresh, [['failed'], ['stored', 'failed', 'stored', 'duplicate'], ['stored', 'duplicate']]);
  const runs = await tableBits(fresh, RUNS);
  t.equal(runs.rows.length, 4200);
  t.same(runs, await tableBits(old, RUNS), 'runs identical');
  const nulls = runs.rows.filter((r) => r[runs.columns.indexOf('steps_taken')] === 'NULL').length;
  t.ok(nulls > 100, `Infinity in a BIGINT column is NULL (${nulls} rows)`);
  const trajectories = await tableBits(fresh, TRAJECTORIES);
  t.equal(trajectories.rows.length, 4200 * 3);
  t.same(trajectories, await tableBits(old, TRAJECTORIES), 'trajectories identical');
  t.same(await tableBits(fresh, SHARDS), await tableBits(old, SHARDS), 'shards identical (but for finished_at)');
});

t.test('a real sweep (enum and sample axes, trajectories), stored from describeRange: identical to row-by-row', async (t) => {
  const dir = await tempDir(t);
  const yaml = [
    'name: ingest-real',
    'seed: 11',
    'replicates: 3',
    'backend: js',
    'model: { patterns: 4, successRate: { uniform: [0, 1] } }',
    'algorithm: { rule: euler, stepSize: 0.05 }',
    'horizon: { tMax: 20, maxSteps: 400 }',
    'grid:',
    '  algorithm.rule: [euler, adaptive]',
    '  beta: [0, 0.05]',
    'sample: { count: 5, axes: { epsilon: { uniform: [0.01, 0.1] } } }',
    'shardSize: 7',
    'keep: { trajectories: 4 }',
    '',
  ].join('\n');
  const spec = parseSpec(yaml);
  const hash = specHash(spec);
  const plan = planSweep(spec);
  const layout = layoutOf(spec, hash, plan);
  const records: ShardRecord[] = [];
  for (let k = 0; k < plan.shardCount; k++) {
    const { start, end } = plan.shardRange(k);
    const out = await runShard({ spec, specHash: hash, shard: k, start, end, backend: 'js' });
    records.push({ kind: 'result', out, meta: { worker: 'w', attempts: 1 } });
  }
  // Out of order, in batches of 1 to 4 shards.
  const order = records.map((_, k) => k).sort((a, b) => hashUniform(a, 5) - hashUniform(b, 5));
  const batches: ShardRecord[][] = [];
  for (let i = 0, size = 1; i < order.length; i += size, size = (size % 4) + 1) {
    batches.push(order.slice(i, i + size).map((k) => records[k]));
  }
  const { fresh, old } = await storeBothWays(
    dir,
    layout,
    (i) => plan.describe(i),
    (a, b) => plan.describeRange(a, b),
    batches,
  );
  const runs = await tableBits(fresh, RUNS);
  t.equal(runs.rows.length, plan.size);
  t.same(runs.columns.slice(0, 6), ['idx', 'point', 'replicate', 'algorithm_rule', 'beta', 'epsilon']);
  t.same(runs, await tableBits(old, RUNS), 'runs identical');
  t.same(await tableBits(fresh, TRAJECTORIES), await tableBits(old, TRAJECTORIES), 'trajectories identical');
  t.same(await tableBits(fresh, SHARDS), await tableBits(old, SHARDS), 'shards identical');
});
