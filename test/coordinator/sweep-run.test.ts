/**
 * The local pipeline end to end (runSweep over the memory queue + worker
 * lanes + store, cli/local.ts): results
 * do not depend on shard size or thread count; interrupting and resuming gives
 * the same tables; a changed spec is refused; a bad spec writes nothing.
 */
import { existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { runLocalSweep, type LocalSweepOptions } from '../../cli/local.js';
import type { ProgressReporter } from '../../coordinator/progress.js';
import { ShardPool } from '../../worker/pool.js';
import type { ShardRunner } from '../../worker/index.js';
import delay from '../fixtures/kernels/delay.js';
import { tempDir } from './fixtures.js';
import { tableBits, writeTestSpec } from './sweeps.js';

const QUIET: ProgressReporter = { start() {}, update() {}, stop() {} };

// One pool per thread count for the whole file: starting threads from source costs seconds.
const pools = new Map<number, ShardPool>();
t.teardown(async () => {
  for (const p of pools.values()) await p.close();
});

function sweep(_t: unknown, options: Omit<LocalSweepOptions, 'runShard'> & { threads: number; shardDelayMs?: number }) {
  let pool = pools.get(options.threads);
  if (pool === undefined) {
    pool = new ShardPool({ threads: options.threads });
    pools.set(options.threads, pool);
  }
  const shared = pool;
  const { shardDelayMs, ...rest } = options;
  const real: ShardRunner = (task, signal) => shared.run(task, signal);
  // Slow shards (the delay fixture kernel) keep results coming one by one, so an abort lands mid-sweep.
  const runShard = shardDelayMs === undefined ? real : delay(real, { delayMs: shardDelayMs });
  return runLocalSweep({ progress: QUIET, ...rest, runShard });
}

const RUNS = 'SELECT * FROM runs ORDER BY idx';
const SUMMARY = 'SELECT * FROM summary';

t.test('shard size 1, 7, 1000 and 1 or 2 threads give bit-identical runs and summary tables', async (t) => {
  const dir = await tempDir(t);
  const variants = [
    { shardSize: 1000, threads: 1 },
    { shardSize: 7, threads: 2 },
    { shardSize: 1, threads: 2 },
    { shardSize: 7, threads: 1 },
  ];
  const tables: { runs: Awaited<ReturnType<typeof tableBits>>; summary: Awaited<ReturnType<typeof tableBits>> }[] = [];
  for (const v of variants) {
    const spec = await writeTestSpec(dir, `s${v.shardSize}-t${v.threads}.yaml`, { shardSize: v.shardSize });
    const out = join(dir, `out-${v.shardSize}-${v.threads}`);
    const result = await sweep(t, { sweep: spec, outDir: out, threads: v.threads });
    t.equal(result.status, 'complete');
    t.equal(result.runs, 20);
    t.equal(result.shards.total, Math.ceil(20 / v.shardSize));
    t.equal(result.shards.failed, 0);
    const db = join(out, 'sweep.duckdb');
    tables.push({ runs: await tableBits(db, RUNS), summary: await tableBits(db, SUMMARY) });
  }
  const [first, ...rest] = tables;
  t.equal(first.runs.rows.length, 20);
  t.same(
    first.runs.rows.map((r) => r[0]),
    Array.from({ length: 20 }, (_, i) => `bigint:${i}`),
    'idx 0..19 once each',
  );
  t.ok(first.runs.columns.includes('model_patterns') && first.runs.columns.includes('beta'), 'axis columns');
  const distinctAcc = new Set(first.runs.rows.map((r) => r[first.runs.columns.indexOf('acc_final')]));
  t.ok(distinctAcc.size > 4, 'replicates differ (p(r) drawn per replicate)');
  rest.forEach((other, i) => {
    t.same(other.runs, first.runs, `runs identical: ${JSON.stringify(variants[i + 1])} vs ${JSON.stringify(variants[0])}`);
    t.same(other.summary, first.summary, `summary identical: ${JSON.stringify(variants[i + 1])}`);
  });
});

t.test('interrupted (abort after k shards) then resumed: same tables as an uninterrupted run', async (t) => {
  const dir = await tempDir(t);
  const spec = await writeTestSpec(dir, 'spec.yaml', { shardSize: 3 });
  const whole = join(dir, 'whole');
  await sweep(t, { sweep: spec, outDir: whole, threads: 2 });
  const want = await tableBits(join(whole, 'sweep.duckdb'), RUNS);
  const wantSummary = await tableBits(join(whole, 'sweep.duckdb'), SUMMARY);

  for (const stopAfter of [1, 4]) {
    const out = join(dir, `cut-${stopAfter}`);
    const controller = new AbortController();
    let stored = 0;
    const progress: ProgressReporter = {
      start() {},
      update(s) {
        stored = s.doneShards;
        if (stored >= stopAfter) controller.abort();
      },
      stop() {},
    };
    const first = await sweep(t, { sweep: spec, outDir: out, threads: 2, progress, signal: controller.signal, shardDelayMs: 100 });
    t.equal(first.status, 'interrupted', `stopped after ${stopAfter}`);
    t.ok(first.shards.done >= stopAfter && first.shards.done < first.shards.total);
    t.notOk(existsSync(join(out, 'runs.parquet')), 'no exports for an interrupted sweep');
    const resumed = await sweep(t, { sweep: spec, outDir: out, threads: 1, resume: true });
    t.equal(resumed.status, 'complete');
    t.equal(resumed.shards.computed, resumed.shards.total - first.shards.done, 'only missing shards computed');
    t.same(await tableBits(join(out, 'sweep.duckdb'), RUNS), want, 'runs identical');
    t.same(await tableBits(join(out, 'sweep.duckdb'), SUMMARY), wantSummary, 'summary identical');
  }
});

t.test('a changed spec is refused in the same folder; --fresh starts over', async (t) => {
  const dir = await tempDir(t);
  const out = join(dir, 'out');
  const a = await writeTestSpec(dir, 'a.yaml');
  const b = await writeTestSpec(dir, 'b.yaml', { betas: [0, 0.1] });
  const first = await sweep(t, { sweep: a, outDir: out, threads: 1 });
  const refused = sweep(t, { sweep: b, outDir: out, threads: 1 });
  await t.rejects(refused, { name: 'StoreSpecMismatchError', message: new RegExp(`${first.specHash}.*--fresh`) });
  const again = await sweep(t, { sweep: a, outDir: out, threads: 1 });
  t.equal(again.status, 'complete', 'rerunning a finished sweep succeeds');
  t.equal(again.shards.computed, 0, 'and computes nothing');
  const fresh = await sweep(t, { sweep: b, outDir: out, threads: 1, fresh: true });
  t.equal(fresh.status, 'complete');
  t.not(fresh.specHash, first.specHash);
  const betas = await tableBits(join(out, 'sweep.duckdb'), 'SELECT DISTINCT beta FROM runs ORDER BY beta');
  t.equal(betas.rows.length, 2);
  t.same(betas.rows[1], [`f64:${(() => { const v = new DataView(new ArrayBuffer(8)); v.setFloat64(0, 0.1); return v.getBigUint64(0).toString(16); })()}`]);
});

t.test('a bad spec is refused before anything is written', async (t) => {
  const dir = await tempDir(t);
  const spec = join(dir, 'bad.yaml');
  await writeFile(spec, 'name: bad\nseed: 1\nmodel: { patterns: 1 }\nbeta: -1\n');
  const out = join(dir, 'out');
  await t.rejects(sweep(t, { sweep: spec, outDir: out, threads: 1 }), { name: 'SpecError', message: /beta/ });
  t.notOk(existsSync(out), 'output folder not created');
  await t.rejects(sweep(t, { sweep: join(dir, 'missing.yaml'), outDir: out, threads: 1 }), { name: 'SpecFileError' });
  t.notOk(existsSync(out));
  t.same(readdirSync(dir), ['bad.yaml']);
});

t.test('keep.statistics stores only those columns; the summary adapts; trajectories are stored when kept', async (t) => {
  const dir = await tempDir(t);
  const spec = await writeTestSpec(dir, 'few.yaml', {
    statistics: ['acc0', 'acc_final', 't_conv', 'converged'],
    trajectories: 4,
  });
  const out = join(dir, 'out');
  const result = await sweep(t, { sweep: spec, outDir: out, threads: 2 });
  t.equal(result.status, 'complete');
  const db = join(out, 'sweep.duckdb');
  const runs = await tableBits(db, RUNS);
  t.same(runs.columns, ['idx', 'point', 'replicate', 'model_patterns', 'beta', 'acc0', 'acc_final', 't_conv', 'converged']);
  const stats = await tableBits(db, 'SELECT DISTINCT statistic FROM summary ORDER BY statistic');
  t.same(
    stats.rows.map((r) => r[0]),
    ['string:acc0', 'string:acc_final', 'string:converged', 'string:degraded', 'string:improved', 'string:t_conv'],
  );
  const trajectories = await tableBits(db, 'SELECT count(*), count(DISTINCT idx), CAST(max(k) AS BIGINT) FROM trajectories');
  t.same(trajectories.rows, [['bigint:80', 'bigint:20', 'bigint:3']]);
});
