/**
 * Store benchmark (`npm run bench:store`): the results store alone, no
 * compute, no queue (issue 12, items 3 and 5).
 *
 * - ingest: rows/s of `ResultStore.commit()` for shards of 256 and 4096 runs
 *   in batches of 1, 16 and 64 shards, columnar ("after") against the former
 *   row-by-row appender ("before", test/helpers/row-by-row-store.ts), in
 *   interleaved repetitions on one sweep layout (3 grid axes, one of them an
 *   enum, 20 statistics, 10 replicates); medians and their ratio.
 * - summary and exports: `writeSummary()` (per grid point) and
 *   `exportFiles()` (runs.parquet, summary.csv) of a store holding 1e6 and
 *   1e7 runs; the former SQL summary beside it where it fits.
 *
 *   npm run bench:store               # full
 *   npm run bench:store -- --quick    # fewer rows, a smoke check
 *   BENCH_STORE_ROWS=1e6 npm run bench:store                  # summary at 1e6 only
 *   BENCH_STORE_ROWS=1e7 npm run bench:store -- --summary-only
 *
 * Progress to stderr, markdown tables to stdout.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResultStore, type ShardRecord, type StoreLayout } from '../coordinator/index.js';
import { writeSummaryTableSql } from '../coordinator/index.js';
import { layoutOf } from '../coordinator/index.js';
import { STAT_NAMES, type StatName } from '../model/stats.js';
import { parseSpec, planSweep, specHash, type SweepPlan } from '../sweep/index.js';
import { commitRowByRow } from '../test/helpers/row-by-row-store.js';
import type { ShardOutput } from '../queue/index.js';

const quick = process.argv.includes('--quick');
const summaryOnly = process.argv.includes('--summary-only');
const REPETITIONS = quick ? 2 : 3;

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** 2 rules x 100 gammas x `betas` betas x 10 replicates. */
function benchSpec(betas: number): string {
  return [
    'name: bench-store',
    'seed: 1',
    'replicates: 10',
    'backend: js',
    'model: { patterns: 7, successRate: { optimal: 0.9, rival: 0.6, rest: 0.1 }, initialPattern: { gamma: 4, rival: 0.5 } }',
    'grid:',
    '  algorithm.rule: [euler, adaptive]',
    '  model.initialPattern.gamma: { logspace: [2, 26, 100] }',
    `  beta: { linspace: [0, 0.1, ${betas}] }`,
    'shardSize: 256',
    `limits: { maxRuns: ${2 * 100 * betas * 10} }`,
    '',
  ].join('\n');
}

interface Sweep {
  readonly plan: SweepPlan;
  readonly layout: StoreLayout;
}

function sweepOf(runs: number): Sweep {
  const spec = parseSpec(benchSpec(Math.ceil(runs / 2000)));
  const plan = planSweep(spec);
  return { plan, layout: layoutOf(spec, specHash(spec), plan) };
}

/** xorshift32 in [0, 1): cheap varied values. */
function uniforms(seed: number): () => number {
  let x = (seed * 2654435761) >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

/** Plausible statistics: ~40% of t_conv and ~20% of t_escape censored (NaN -> NULL), flags, integers. */
function statColumns(n: number, seed: number): Record<StatName, Float64Array> {
  const u = uniforms(seed);
  const c = {} as Record<StatName, Float64Array>;
  for (const name of STAT_NAMES) c[name] = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const acc0 = 0.2 + 0.6 * u();
    const converged = u() < 0.6 ? 1 : 0;
    const escaped = u() < 0.8 ? 1 : 0;
    c.acc0[i] = acc0;
    c.acc_final[i] = u();
    c.acc_peak[i] = Math.max(acc0, c.acc_final[i]) + 0.01;
    c.t_peak[i] = 10 * u();
    c.drop[i] = c.acc_peak[i] - c.acc_final[i];
    c.d_acc0[i] = u() - 0.5;
    c.pi_opt_final[i] = u();
    c.t_conv[i] = converged === 1 ? 100 * u() : Number.NaN;
    c.converged[i] = converged;
    c.t_escape[i] = escaped === 1 ? 50 * u() : Number.NaN;
    c.escaped[i] = escaped;
    c.regime[i] = 1 + Math.floor(3 * u());
    c.final_argmax[i] = Math.floor(7 * u());
    c.ends_on_opt[i] = u() < 0.5 ? 1 : 0;
    c.ends_on_worst[i] = u() < 0.2 ? 1 : 0;
    c.entropy_final[i] = u();
    c.kl_ref_final[i] = u();
    c.steps_taken[i] = 1 + Math.floor(1000 * u());
    c.t_final[i] = 1000;
    c.diverged[i] = u() < 0.05 ? 1 : 0;
  }
  return c;
}

function shardOutput(shard: number, start: number, end: number, columns: Record<StatName, Float64Array>): ShardOutput {
  return { shard, start, end, columns, trajectory: null, backend: 'js', elapsedMs: 1 };
}

async function tempStore(sweep: Sweep, label: string): Promise<{ store: ResultStore; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), `patternsweep-bench-${label}-`));
  const store = await ResultStore.open({
    dir,
    layout: sweep.layout,
    specText: '',
    specJson: '{}',
    describe: (i) => sweep.plan.describe(i),
    describeRange: (a, b) => sweep.plan.describeRange(a, b),
  });
  return { store, dir };
}

type Path = 'before' | 'after';

interface IngestCase {
  readonly shardSize: number;
  readonly batch: number;
}

/** Commits `rows` rows (whole batches) from shard `firstShard` on; returns rows/s. */
async function ingest(
  path: Path,
  store: ResultStore,
  sweep: Sweep,
  c: IngestCase,
  columns: Record<StatName, Float64Array>,
  firstShard: number,
  rows: number,
): Promise<{ rowsPerSecond: number; rowsPerCpuSecond: number; shards: number }> {
  const shards = Math.max(c.batch, Math.round(rows / c.shardSize / c.batch) * c.batch);
  const describe = (i: number) => sweep.plan.describe(i);
  const began = performance.now();
  const cpu = process.cpuUsage();
  for (let b = 0; b < shards; b += c.batch) {
    const batch: ShardRecord[] = [];
    for (let k = firstShard + b; k < firstShard + b + c.batch; k++) {
      batch.push({ kind: 'result', out: shardOutput(k, k * c.shardSize, (k + 1) * c.shardSize, columns), meta: { worker: 'bench', attempts: 1 } });
    }
    if (path === 'after') await store.commit(batch);
    else await commitRowByRow(store.connection, sweep.layout, describe, batch);
  }
  const seconds = (performance.now() - began) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return { rowsPerSecond: (shards * c.shardSize) / seconds, rowsPerCpuSecond: (shards * c.shardSize) / cpuSeconds, shards };
}

async function ingestTable(): Promise<string> {
  const sweep = sweepOf(quick ? 4e6 : 2e7);
  const cases: IngestCase[] = [256, 4096].flatMap((shardSize) => [1, 16, 64].map((batch) => ({ shardSize, batch })));
  const lines = [
    '| shard size | shards per commit | before (rows/s) | after (rows/s) | after / before | before (rows/CPU-s) | after (rows/CPU-s) |',
    '|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const c of cases) {
    const columns = statColumns(c.shardSize, c.shardSize);
    const stores = { before: await tempStore(sweep, 'before'), after: await tempStore(sweep, 'after') };
    const next = { before: 0, after: 0 };
    const rates: Record<Path, number[]> = { before: [], after: [] };
    const cpuRates: Record<Path, number[]> = { before: [], after: [] };
    const rows: Record<Path, number> = { before: quick ? 2 ** 13 : 2 ** 15, after: quick ? 2 ** 16 : 2 ** 19 };
    // Warm-up, then interleaved repetitions (this VM drifts between a fast and a slow state).
    for (let rep = -1; rep < REPETITIONS; rep++) {
      for (const path of ['before', 'after'] as const) {
        const r = await ingest(path, stores[path].store, sweep, c, columns, next[path], rep < 0 ? c.shardSize * c.batch : rows[path]);
        next[path] += r.shards;
        if (rep >= 0) rates[path].push(r.rowsPerSecond);
        if (rep >= 0) cpuRates[path].push(r.rowsPerCpuSecond);
      }
    }
    for (const path of ['before', 'after'] as const) {
      await stores[path].store.close();
      await rm(stores[path].dir, { recursive: true, force: true });
    }
    const before = median(rates.before);
    const after = median(rates.after);
    log(`ingest ${c.shardSize} x ${c.batch}: before ${before.toExponential(2)} after ${after.toExponential(2)} rows/s`);
    const cpu = { before: median(cpuRates.before), after: median(cpuRates.after) };
    lines.push(
      `| ${c.shardSize} | ${c.batch} | ${before.toExponential(2)} | ${after.toExponential(2)} | ${(after / before).toFixed(1)}x | ` +
        `${cpu.before.toExponential(2)} | ${cpu.after.toExponential(2)} |`,
    );
  }
  return lines.join('\n');
}

/** A store of `runs` runs (varied values), written with the columnar path in commits of 64 x 4096. */
async function filledStore(runs: number): Promise<{ store: ResultStore; dir: string; ingestSeconds: number }> {
  const sweep = sweepOf(runs);
  const { store, dir } = await tempStore(sweep, `summary-${runs}`);
  const shardSize = 4096;
  const began = performance.now();
  let batch: ShardRecord[] = [];
  for (let k = 0; k * shardSize < runs; k++) {
    const start = k * shardSize;
    const end = Math.min(runs, start + shardSize);
    batch.push({ kind: 'result', out: shardOutput(k, start, end, statColumns(end - start, k + 1)), meta: { worker: 'bench', attempts: 1 } });
    if (batch.length === 64) {
      await store.commit(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await store.commit(batch);
  return { store, dir, ingestSeconds: (performance.now() - began) / 1000 };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const began = performance.now();
  await fn();
  return (performance.now() - began) / 1000;
}

async function summaryTable(): Promise<string> {
  const sizes = process.env.BENCH_STORE_ROWS !== undefined ? [Number(process.env.BENCH_STORE_ROWS)] : quick ? [1e5] : [1e6, 1e7];
  const lines = [
    '| runs | ingest (s) | summary before (s) | summary after (s) | exports (s) | summary + exports after (s) |',
    '|---:|---:|---:|---:|---:|---:|',
  ];
  for (const runs of sizes) {
    log(`summary: filling a store of ${runs} runs`);
    const { store, dir, ingestSeconds } = await filledStore(runs);
    try {
      const q = store.summaryQuery();
      // The former summary (SQL, one thread) only where it takes under a minute or so.
      const before = runs <= 1e6 ? await timed(() => writeSummaryTableSql(store.connection, q, 'summary_sql')) : Number.NaN;
      const after = await timed(() => store.writeSummary());
      const exports = await timed(() => store.exportFiles());
      log(`summary ${runs}: before ${before.toFixed(2)} s, after ${after.toFixed(2)} s, exports ${exports.toFixed(2)} s`);
      lines.push(
        `| ${runs.toExponential(0)} | ${ingestSeconds.toFixed(2)} | ${Number.isNaN(before) ? '—' : before.toFixed(2)} | ${after.toFixed(2)} | ${exports.toFixed(2)} | ${(after + exports).toFixed(2)} |`,
      );
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  // Each table as soon as it is measured: the summary of 1e7 runs takes minutes on a busy machine.
  if (!summaryOnly) process.stdout.write(`${await ingestTable()}\n\n`);
  process.stdout.write(`${await summaryTable()}\n`);
}

await main();
