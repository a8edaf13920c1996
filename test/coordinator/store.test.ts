import { existsSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { ResultStore, StoreSpecMismatchError } from '../../coordinator/store.js';
import { syntheticLayout, syntheticRow, syntheticShard, tempDir } from './fixtures.js';

async function openSynthetic(dir: string, opts: { fresh?: boolean; resume?: boolean; hash?: string } = {}) {
  const s = syntheticLayout(4, 5, opts.hash);
  const store = await ResultStore.open({
    dir,
    layout: s.layout,
    specText: 'name: synthetic\n',
    specJson: '{"name":"synthetic"}',
    describe: s.describe,
    fresh: opts.fresh,
    resume: opts.resume,
  });
  return { store, ...s };
}

t.test('a shard is stored once: rows, NULL for censored times, shards row; a redelivery is ignored', async (t) => {
  const dir = await tempDir(t);
  const { store, shardRange } = await openSynthetic(dir);
  t.teardown(() => store.close());
  const { start, end } = shardRange(1);
  t.equal(await store.writeShard(syntheticShard(1, start, end), { worker: 'w1', attempts: 1 }), 'stored');
  t.equal(await store.writeShard(syntheticShard(1, start, end), { worker: 'w2', attempts: 2 }), 'duplicate');
  const rows = (await store.connection.runAndReadAll('SELECT * FROM runs ORDER BY idx')).getRowObjectsJS();
  t.equal(rows.length, end - start);
  for (const row of rows) {
    const idx = Number(row.idx);
    const want = syntheticRow(idx);
    t.equal(row.acc0, want.acc0, `acc0 of ${idx}`);
    t.equal(row.t_conv, Number.isNaN(want.t_conv) ? null : want.t_conv, `t_conv of ${idx} (NULL when censored)`);
    t.equal(row.converged, want.converged === 1);
    t.equal(row.regime, want.regime);
    t.equal(Number(row.steps_taken), want.steps_taken);
    t.equal(Number(row.point), Math.floor(idx / 4));
    t.equal(row.replicate, idx % 4);
  }
  t.same([...(await store.doneShards())], [1]);
  const shards = (await store.connection.runAndReadAll('SELECT shard, status, worker, attempts FROM shards')).getRows();
  t.same(shards, [[1, 'done', 'w1', 1]], 'the first delivery wins');
  t.same(await store.counts(), { done: 1, failed: 0, runs: end - start });
});

t.test('failed shards are recorded, then replaced when a retry succeeds; a done shard is never marked failed', async (t) => {
  const dir = await tempDir(t);
  const { store, shardRange } = await openSynthetic(dir);
  t.teardown(() => store.close());
  const r0 = shardRange(0);
  await store.markFailed({ shard: 0, ...r0 }, { name: 'Boom', message: 'no luck', attempts: 3 });
  t.same(await store.failedShards(), [{ shard: 0, ...r0, attempts: 3, error: 'Boom: no luck' }]);
  await store.writeShard(syntheticShard(0, r0.start, r0.end), { worker: 'w', attempts: 1 });
  t.same(await store.failedShards(), []);
  await store.markFailed({ shard: 0, ...r0 }, { name: 'Late', message: 'redelivered failure', attempts: 1 });
  t.same(await store.counts(), { done: 1, failed: 0, runs: r0.end - r0.start });
});

t.test('a bad shard output rolls back completely', async (t) => {
  const dir = await tempDir(t);
  const { store } = await openSynthetic(dir);
  t.teardown(() => store.close());
  const bad = syntheticShard(2, 10, 15);
  (bad.columns as Record<string, Float64Array>).acc0 = new Float64Array(3);
  await t.rejects(store.writeShard(bad, { worker: 'w', attempts: 1 }), { name: 'StoreShardError' });
  t.same(await store.counts(), { done: 0, failed: 0, runs: 0 });
  const n = (await store.connection.runAndReadAll('SELECT count(*) FROM runs')).getRows()[0][0];
  t.equal(Number(n), 0);
});

t.test('reopening: same spec resumes; another spec is refused naming both hashes; --fresh starts over', async (t) => {
  const dir = await tempDir(t);
  const first = await openSynthetic(dir);
  const r = first.shardRange(0);
  await first.store.writeShard(syntheticShard(0, r.start, r.end), { worker: 'w', attempts: 1 });
  await first.store.close();

  const again = await openSynthetic(dir);
  t.same([...(await again.store.doneShards())], [0], 'same spec: done shards are kept');
  await again.store.close();

  const other = 'b'.repeat(64);
  const refused = openSynthetic(dir, { hash: other });
  await t.rejects(refused, StoreSpecMismatchError);
  const error = await refused.catch((e: Error) => e);
  t.match((error as Error).message, 'a'.repeat(64), 'names the stored hash');
  t.match((error as Error).message, other, 'names the new hash');
  t.match((error as Error).message, '--fresh', 'suggests --fresh');

  const fresh = await openSynthetic(dir, { hash: other, fresh: true });
  t.same(await fresh.store.counts(), { done: 0, failed: 0, runs: 0 }, '--fresh deleted the old results');
  t.equal((await fresh.store.meta()).spec_hash, other);
  await fresh.store.close();
});

t.test('--resume without a store is refused and creates nothing', async (t) => {
  const dir = await tempDir(t);
  const target = join(dir, 'nothing-here');
  await t.rejects(openSynthetic(target, { resume: true }), { name: 'StoreMissingError' });
  t.notOk(existsSync(target));
});

t.test('exports: runs.parquet ordered by idx whatever the write order, summary.csv', async (t) => {
  const dir = await tempDir(t);
  const { store, shardRange, layout } = await openSynthetic(dir);
  t.teardown(() => store.close());
  for (const k of [3, 0, 4, 1, 2]) {
    const { start, end } = shardRange(k);
    await store.writeShard(syntheticShard(k, start, end), { worker: 'w', attempts: 1 });
  }
  await store.writeSummary();
  const files = await store.exportFiles();
  if (files.runs === null) throw new Error('a sweep that keeps its runs exports runs.parquet');
  t.ok(existsSync(files.runs));
  t.ok(existsSync(files.summary));
  const idx = (
    await store.connection.runAndReadAll(`SELECT idx FROM read_parquet('${files.runs}')`)
  ).getRows().map((r) => Number(r[0]));
  t.same(idx, Array.from({ length: layout.size }, (_, i) => i));
});

t.test('read-only open of an existing store reads its layout from meta', async (t) => {
  const dir = await tempDir(t);
  const { store, layout } = await openSynthetic(dir);
  await store.close();
  const ro = await ResultStore.openExisting(dir);
  t.teardown(() => ro.close());
  t.same(ro.layout, layout);
  t.throws(() => ro.resolveAxes(['gamma']), { name: 'StoreAxisError', message: /'gamma' is not an axis.*beta, algorithm\.rule/ });
  t.same(ro.resolveAxes(['algorithm.rule', 'beta']), ['algorithm_rule', 'beta']);
});
