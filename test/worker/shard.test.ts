/**
 * runShard and ShardPool: a shard's columns are in index order and do not
 * depend on how the range is cut; the pool returns the same bits from its
 * threads (typed arrays transferred, not copied into something else).
 */
import t from 'tap';
import { STAT_NAMES } from '../../model/stats.js';
import { parseSpec, planSweep, specHash } from '../../sweep/index.js';
import { ShardPool, ShardPoolOptionError, threadEntry } from '../../worker/pool.js';
import type { ShardOutput } from '../../queue/index.js';
import { runShard, type ShardTask } from '../../worker/shard.js';
import { testSpecYaml } from '../coordinator/sweeps.js';

const spec = parseSpec(testSpecYaml({ shardSize: 6, trajectories: 5 }), 'test');
const hash = specHash(spec);
const plan = planSweep(spec);
const task = (shard: number, start: number, end: number): ShardTask => ({
  spec,
  specHash: hash,
  shard,
  start,
  end,
  backend: 'js',
});

function bits(a: Float64Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
}

t.test('one range equals the same range cut in pieces, column by column, bit for bit', async (t) => {
  const whole = await runShard(task(0, 0, plan.size));
  t.equal(whole.start, 0);
  t.equal(whole.end, plan.size);
  t.equal(whole.backend, 'js');
  t.same(Object.keys(whole.columns), [...STAT_NAMES]);
  const cuts = [0, 1, 8, 9, 15, plan.size];
  const pieces: ShardOutput[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) pieces.push(await runShard(task(i, cuts[i], cuts[i + 1])));
  for (const name of STAT_NAMES) {
    const joined = new Float64Array(plan.size);
    for (const p of pieces) joined.set(p.columns[name], p.start);
    t.equal(bits(joined), bits(whole.columns[name]), name);
  }
  t.ok(whole.trajectory !== null, 'trajectories kept');
  const k = whole.trajectory!.points;
  t.equal(k, 5);
  const acc = new Float64Array(plan.size * k);
  for (const p of pieces) acc.set(p.trajectory!.acc, p.start * k);
  t.equal(bits(acc), bits(whole.trajectory!.acc), 'trajectory acc');
  // acc0 of every run is a probability, and the model decided regimes
  for (const v of whole.columns.acc0) t.ok(v > 0 && v < 1);
});

t.test('a range outside the sweep is refused', async (t) => {
  await t.rejects(runShard(task(9, 10, plan.size + 1)), { name: 'ShardRangeError', message: /\[10, 21\).*\[0, 20\)/ });
});

t.test('ShardPool: threads give the same bits as runShard in-process', async (t) => {
  const pool = new ShardPool({ threads: 2 });
  t.teardown(() => pool.close());
  t.equal(pool.threads, 2);
  const direct = await runShard(task(1, 6, 12));
  const [a, b] = await Promise.all([pool.run(task(1, 6, 12)), pool.run(task(2, 12, 18))]);
  t.equal(a.shard, 1);
  t.equal(b.shard, 2);
  for (const name of STAT_NAMES) {
    t.ok(a.columns[name] instanceof Float64Array, `${name} is a Float64Array`);
    t.equal(bits(a.columns[name]), bits(direct.columns[name]), name);
  }
  await t.rejects(pool.run(task(3, 0, 999)), { name: 'ShardRangeError' }, 'thread errors keep their name');
});

t.test('ShardPool option errors name the field and the allowed range', async (t) => {
  for (const threads of [0, 1.5, 2000]) {
    t.throws(() => new ShardPool({ threads }), ShardPoolOptionError);
    t.throws(() => new ShardPool({ threads }), { message: `threads: ${threads} is not an integer in [1, 1024]` });
  }
});

t.test('thread entry: thread.js from dist as is; thread.ts from source with tsx instead of a slow TS loader', async (t) => {
  t.same(threadEntry('file:///app/dist/worker/pool.js', ['--enable-source-maps']), {
    filename: 'file:///app/dist/worker/thread.js',
    execArgv: ['--enable-source-maps'],
  });
  t.same(
    threadEntry('file:///app/worker/pool.ts', [
      '--import=file:///app/node_modules/@tapjs/typescript/dist/esm/import.mjs',
      '--enable-source-maps',
      '--import',
      'file:///app/node_modules/ts-node/esm.mjs',
    ]),
    { filename: 'file:///app/worker/thread.ts', execArgv: ['--enable-source-maps', '--import', 'tsx'] },
  );
  t.same(threadEntry('file:///app/worker/pool.ts', ['--import', 'tsx']).execArgv, ['--import', 'tsx'], 'tsx already there');
  t.same(
    threadEntry('file:///app/worker/pool.ts', ['--require', '/app/node_modules/tsx/dist/preflight.cjs', '--import', 'file:///app/node_modules/tsx/dist/loader.mjs']).execArgv,
    ['--require', '/app/node_modules/tsx/dist/preflight.cjs', '--import', 'file:///app/node_modules/tsx/dist/loader.mjs'],
    'the tsx CLI loader is kept',
  );
});
