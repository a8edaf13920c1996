/**
 * The refinement driver end to end (runRefinement over the memory queue +
 * worker lanes + store, cli/local.ts runLocalSweep):
 * the refined regime boundary against the closed form p(r') = 0.1 + 0.8/gamma
 * (docs/model.md §4); points, tables and ledger identical across thread
 * counts and shard sizes; an interrupted refinement resumed gives the same
 * tables bit for bit; a share quantity (RLIF ends-on-worst) refines on
 * replicate fractions.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { runLocalSweep, type LocalSweepOptions } from '../../cli/local.js';
import type { ProgressReporter } from '../../coordinator/progress.js';
import type { RefineRunResult } from '../../coordinator/refine-run.js';
import { ShardPool } from '../../worker/pool.js';
import type { ShardRunner } from '../../worker/index.js';
import delay from '../fixtures/kernels/delay.js';
import { InjectedShardError } from '../fixtures/kernels/kernel.js';
import { tempDir } from './fixtures.js';
import { tableBits } from './sweeps.js';

const QUIET: ProgressReporter = { start() {}, update() {}, stop() {} };
// One pool per thread count for the whole file: starting threads from source costs seconds.
const pools = new Map<number, ShardPool>();
t.teardown(async () => {
  for (const p of pools.values()) await p.close();
});

function runnerFor(threads: number): ShardRunner {
  let pool = pools.get(threads);
  if (pool === undefined) {
    pool = new ShardPool({ threads });
    pools.set(threads, pool);
  }
  const shared = pool;
  return (task, signal) => shared.run(task, signal);
}

/** A refinement through runLocalSweep (it dispatches a spec with `refine:` to runRefinement). */
async function refine(options: Omit<LocalSweepOptions, 'runShard'> & { threads: number; runShard?: ShardRunner }): Promise<RefineRunResult> {
  const result = await runLocalSweep({ progress: QUIET, ...options, runShard: options.runShard ?? runnerFor(options.threads) });
  if (!('levels' in result)) throw new Error('not a refinement result');
  return result as RefineRunResult;
}

// backend js: `auto` is resolved once per sweep by timing (coordinator/backend-choice.ts), so two
// separate sweeps compared bit for bit must name one backend (as test/coordinator/sweeps.ts does).
const regimeSpec = (shardSize: number, levels = 4) => `name: refine-regime-test
seed: 16
backend: js
model:
  patterns: 7
  successRate: { optimal: 0.9, rival: 0.5, rest: 0.1 }
  initialPattern: { gamma: 6, rival: 0.7 }
horizon: { tMax: 1, maxSteps: 10 }
grid:
  model.initialPattern.gamma: { logspace: [1.5, 30, 5] }
  model.successRate.rival: { linspace: [0.12, 0.88, 5] }
refine:
  axes: [model.initialPattern.gamma, model.successRate.rival]
  quantity: regime
  levels: ${levels}
  budget: 5000
shardSize: ${shardSize}
keep: { statistics: [acc0, regime, t_escape] }
`;

async function writeSpec(dir: string, file: string, text: string): Promise<string> {
  const path = join(dir, file);
  await writeFile(path, text);
  return path;
}

const TABLES = {
  runs: 'SELECT * FROM runs ORDER BY idx',
  summary: 'SELECT * FROM summary ORDER BY point',
  points: 'SELECT * FROM refine_points ORDER BY grid_point',
  levels: 'SELECT * EXCLUDE (spec_hash) FROM refine_levels ORDER BY level',
};

async function allTables(out: string) {
  const db = join(out, 'sweep.duckdb');
  return {
    runs: await tableBits(db, TABLES.runs),
    summary: await tableBits(db, TABLES.summary),
    points: await tableBits(db, TABLES.points),
    levels: await tableBits(db, TABLES.levels),
  };
}

t.test('the refined regime boundary lies within one finest cell of p(r\') = 0.1 + 0.8/gamma', async (t) => {
  const dir = await tempDir(t);
  const spec = await writeSpec(dir, 'regime.yaml', regimeSpec(16));
  const out = join(dir, 'out');
  const result = await refine({ sweep: spec, outDir: out, threads: 2 });
  t.equal(result.status, 'complete');
  t.equal(result.shards.failed, 0);
  t.same(result.levels.map((l) => l.level), [0, 1, 2, 3, 4]);
  t.equal(result.levels[0].points, 25);
  t.equal(result.runs, result.levels.reduce((n, l) => n + l.runs, 0), 'every planned run stored');
  // Every run's axis values are its point's, and its regime is the closed form's.
  const rows = await tableBits(
    join(out, 'sweep.duckdb'),
    `SELECT r.point, p.level, r.model_initialPattern_gamma = p.model_initialPattern_gamma AND r.model_successRate_rival = p.model_successRate_rival,
            r.regime, r.model_initialPattern_gamma, r.model_successRate_rival
       FROM runs r JOIN refine_points p ON r.point = p.grid_point ORDER BY r.point`,
  );
  t.equal(rows.rows.length, result.runs, 'one refine_points row per point');
  const decode = (s: string) => {
    const v = new DataView(new ArrayBuffer(8));
    v.setBigUint64(0, BigInt(`0x${s.slice(4)}`));
    return v.getFloat64(0);
  };
  let wrong = 0;
  for (const [, , same, regime, g, r] of rows.rows) {
    t.equal(same, 'boolean:true');
    const expected = decode(r) > 0.1 + 0.8 / decode(g) ? 2 : 1;
    if (decode(regime) !== expected) wrong++;
  }
  t.equal(wrong, 0, 'the model\'s regime matches the closed form at every point');
  // Boundary estimate: per pair of finest-level neighbours along p(r') with different regimes, the midpoint.
  const finestStep = (0.88 - 0.12) / 4 / 16;
  const edges = await tableBits(
    join(out, 'sweep.duckdb'),
    `SELECT a.model_initialPattern_gamma, (a.model_successRate_rival + b.model_successRate_rival) / 2
       FROM refine_points a JOIN refine_points b ON a.slice = b.slice AND a.model_initialPattern_gamma = b.model_initialPattern_gamma
         AND abs(b.model_successRate_rival - a.model_successRate_rival - ${finestStep}) < 1e-9
       JOIN summary sa ON sa.point = a.grid_point JOIN summary sb ON sb.point = b.grid_point
      WHERE (SELECT regime FROM runs WHERE point = a.grid_point) <> (SELECT regime FROM runs WHERE point = b.grid_point)`,
  );
  t.ok(edges.rows.length >= 16, `${edges.rows.length} boundary crossings at the finest spacing`);
  for (const [g, mid] of edges.rows) {
    const error = Math.abs(decode(mid) - (0.1 + 0.8 / decode(g)));
    t.ok(error <= finestStep / 2 + 1e-12, `gamma ${decode(g)}: boundary ${decode(mid)} within half a finest cell (${error})`);
  }
  t.ok(existsSync(join(out, 'runs.parquet')) && existsSync(join(out, 'summary.csv')), 'exports written');
});

t.test('thread count and shard size change nothing: same points, same tables', async (t) => {
  const dir = await tempDir(t);
  const variants = [
    { shardSize: 16, threads: 1 },
    { shardSize: 3, threads: 2 },
    { shardSize: 1000, threads: 2 },
  ];
  const tables = [];
  for (const v of variants) {
    const spec = await writeSpec(dir, `s${v.shardSize}.yaml`, regimeSpec(v.shardSize, 3));
    const out = join(dir, `out-${v.shardSize}-${v.threads}`);
    const result = await refine({ sweep: spec, outDir: out, threads: v.threads });
    t.equal(result.status, 'complete');
    const all = await allTables(out);
    // Shard numbers and counts depend on shardSize by design; compare the rest of the ledger.
    tables.push({ runs: all.runs, summary: all.summary, points: all.points });
  }
  t.ok(tables[0].points.rows.length > 25, 'levels beyond 0 planned');
  for (let i = 1; i < tables.length; i++) t.same(tables[i], tables[0], JSON.stringify(variants[i]));
});

t.test('interrupted in any level, then resumed: bit-identical tables and ledger', async (t) => {
  const dir = await tempDir(t);
  const spec = await writeSpec(dir, 'spec.yaml', regimeSpec(4, 3));
  const whole = join(dir, 'whole');
  const uninterrupted = await refine({ sweep: spec, outDir: whole, threads: 2 });
  const want = await allTables(whole);
  const shardsByLevel = uninterrupted.levels.map((l) => Math.ceil(l.runs / 4));
  t.ok(shardsByLevel.length === 4 && shardsByLevel.every((n) => n >= 2), `levels of ${shardsByLevel.join(', ')} shards`);
  // Stop inside level 0, inside level 1 and inside the last level.
  const stops = [1, shardsByLevel[0] + 1, shardsByLevel[0] + shardsByLevel[1] + shardsByLevel[2] + 1];
  for (const stopAfter of stops) {
    const out = join(dir, `cut-${stopAfter}`);
    const controller = new AbortController();
    const progress: ProgressReporter = {
      start() {},
      update(s) {
        if (s.doneShards >= stopAfter) controller.abort();
      },
      stop() {},
    };
    // Slow shards (the delay fixture kernel) keep results coming one by one, so the abort lands inside the level.
    const runShard = delay(runnerFor(2), { delayMs: 20 });
    const first = await refine({ sweep: spec, outDir: out, threads: 2, progress, signal: controller.signal, runShard });
    t.equal(first.status, 'interrupted', `stopped after ${stopAfter} shards`);
    t.notOk(existsSync(join(out, 'runs.parquet')), 'no exports for an interrupted refinement');
    const resumed = await refine({ sweep: spec, outDir: out, threads: 1, resume: true });
    t.equal(resumed.status, 'complete');
    t.equal(resumed.shards.computed + first.shards.computed, uninterrupted.shards.computed, 'no shard computed twice');
    t.same(await allTables(out), want, `tables identical after a stop at ${stopAfter}`);
  }
  const again = await refine({ sweep: spec, outDir: whole, threads: 1 });
  t.equal(again.shards.computed, 0, 'rerunning a finished refinement computes nothing');
});

t.test('a share quantity: RLIF ends-on-worst fraction crossing 1/4 over (R, low)', async (t) => {
  const dir = await tempDir(t);
  const spec = await writeSpec(
    dir,
    'rlif.yaml',
    `name: refine-rlif-test
seed: 2506
replicates: 16
model:
  patterns: 4
  answers: 2
  successRate: { uniform: [0, 1] }
  initialPattern: uniform
reward: self-certainty
algorithm: { rule: adaptive, tolerance: 1.0e-6 }
horizon: { tMax: 1.0e+4, maxSteps: 20000 }
grid:
  model.patterns: [2, 8]
  model.successRate.uniform[0]: [0, 0.5]
refine:
  axes: [model.patterns, 'model.successRate.uniform[0]']
  quantity: { share: ends_on_worst, level: 0.25 }
  levels: 2
  budget: 2000
shardSize: 16
keep: { statistics: [acc0, acc_final, ends_on_worst, final_argmax] }
`,
  );
  const out = join(dir, 'out');
  const result = await refine({ sweep: spec, outDir: out, threads: 2 });
  t.equal(result.status, 'complete');
  const shares = await tableBits(
    join(out, 'sweep.duckdb'),
    `SELECT p.level, p.model_patterns, p."model_successRate_uniform_0_", avg(r.ends_on_worst::INTEGER)
       FROM runs r JOIN refine_points p ON r.point = p.grid_point GROUP BY ALL ORDER BY p.level, 2, 3`,
  );
  const decode = (s: string) => {
    if (!s.startsWith('f64:')) return Number(s.split(':')[1]);
    const v = new DataView(new ArrayBuffer(8));
    v.setBigUint64(0, BigInt(`0x${s.slice(4)}`));
    return v.getFloat64(0);
  };
  const rows = shares.rows.map((r) => r.map(decode));
  const level0 = rows.filter((r) => r[0] === 0);
  t.equal(level0.length, 4);
  // low = 0: about half end on the worst pattern (Thm 5.6); low = 0.5: none can (every p > 1/2 is extreme on the good side).
  for (const [, , low, share] of level0) {
    if (low === 0) t.ok(share >= 0.25, `low 0: share ${share} >= 1/4`);
    else t.ok(share < 0.25, `low 0.5: share ${share} < 1/4`);
  }
  t.ok(rows.some((r) => r[0] === 1), 'level 1 refines between the sides');
  t.ok(rows.filter((r) => r[0] >= 1).every((r) => r[1] >= 2 && r[1] <= 8 && Number.isInteger(r[1])), 'R stays an integer in [2, 8]');
});

t.test('a time quantity on one axis: the median T0 crossing 100 over gamma', async (t) => {
  const dir = await tempDir(t);
  const spec = await writeSpec(
    dir,
    'time.yaml',
    `name: refine-time-test
seed: 3
model:
  patterns: 7
  successRate: { optimal: 0.9, rival: 0.7, rest: 0.1 }
  initialPattern: { gamma: 6, rival: 0.7 }
algorithm: { rule: adaptive, tolerance: 1.0e-7 }
horizon: { tMax: 1.0e+6, maxSteps: 100000 }
grid:
  model.initialPattern.gamma: { logspace: [2, 26, 5] }
refine:
  axes: [model.initialPattern.gamma]
  quantity: { time: t_escape, level: 100 }
  levels: 4
  budget: 1000
shardSize: 4
keep: { statistics: [acc0, regime, t_escape, escaped] }
`,
  );
  const out = join(dir, 'out');
  const result = await refine({ sweep: spec, outDir: out, threads: 2 });
  t.equal(result.status, 'complete');
  t.same(result.levels.map((l) => l.points), [5, 1, 1, 1, 1], 'one new point per level: the bisection of the one disagreeing cell');
  const rows = (
    await tableBits(
      join(out, 'sweep.duckdb'),
      `SELECT p.model_initialPattern_gamma, p.value, r.t_escape, p.class FROM refine_points p JOIN runs r ON r.point = p.grid_point
        ORDER BY p.model_initialPattern_gamma`,
    )
  ).rows.map((r) => r.map((s) => {
    if (!s.startsWith('f64:')) return Number(s.split(':')[1]);
    const v = new DataView(new ArrayBuffer(8));
    v.setBigUint64(0, BigInt(`0x${s.slice(4)}`));
    return v.getFloat64(0);
  }));
  for (const [, value, tEscape, cls] of rows) {
    // NULL (censored: never escaped within the horizon) counts as +Infinity.
    t.equal(value, Number.isNaN(tEscape) ? Infinity : tEscape, 'one replicate: the median is the run\'s T0');
    t.equal(cls, value >= 100 ? 1 : 0);
  }
  t.ok(rows.some((r) => r[1] === Infinity), 'a censored point (gamma 26) is above every level');
  const i = rows.findIndex((r) => r[3] === 1);
  t.ok(i > 0 && rows.slice(i).every((r) => r[3] === 1) && rows.slice(0, i).every((r) => r[3] === 0), 'T0 grows with gamma: one crossing');
  const ratio = rows[i][0] / rows[i - 1][0];
  t.ok(Math.abs(Math.log(ratio) - Math.log(26 / 2) / 4 / 16) < 1e-9, `the crossing is bracketed by neighbours 1/16 of a coarse (log) step apart (${ratio})`);
});

t.test('a shard that fails for good stops the refinement after its level; a rerun retries it and ends identical', async (t) => {
  const dir = await tempDir(t);
  const spec = await writeSpec(dir, 'spec.yaml', regimeSpec(4, 3));
  const whole = join(dir, 'whole');
  await refine({ sweep: spec, outDir: whole, threads: 1 });
  const want = await allTables(whole);
  // A runner that fails one level-1 shard for good (an error marked not retryable: recorded failed after one attempt), the rest computed.
  const real = runnerFor(1);
  let victim: number | undefined;
  const failing: ShardRunner = async (task, signal) => {
    if (task.spec.points !== undefined && (victim === undefined || victim === task.shard)) {
      victim = task.shard;
      throw new InjectedShardError(`shard ${task.shard}: injected`, false);
    }
    return real(task, signal);
  };
  const out = join(dir, 'out');
  const first = await refine({ sweep: spec, outDir: out, threads: 1, runShard: failing });
  t.equal(first.status, 'complete');
  t.equal(first.shards.failed, 1);
  t.same(first.levels.map((l) => l.level), [0, 1], 'no level planned after the failed one');
  const levels = await tableBits(join(out, 'sweep.duckdb'), 'SELECT level FROM refine_levels ORDER BY level');
  t.equal(levels.rows.length, 2);
  const second = await refine({ sweep: spec, outDir: out, threads: 1 });
  t.equal(second.shards.failed, 0);
  t.equal(second.levels.length, 4);
  t.same(await allTables(out), want, 'tables identical to a refinement without the failure');
});
