/**
 * keep.runs: false end to end: workers aggregate each grid point of their
 * shard, the store keeps one row per point and statistic, and the summary
 * table is bit-identical to the one of the same sweep keeping every run (the
 * full path's summary is itself checked against an independent computation in
 * summary.test.ts). The spec rules (whole points per shard, no trajectories)
 * name the field, the value and what is allowed.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { runLocalSweep } from '../../cli/local.js';
import type { ProgressReporter } from '../../coordinator/progress.js';
import { ResultStore } from '../../coordinator/store.js';
import { parseSpec, SpecError, specHash } from '../../sweep/index.js';
import { withPointAggregates } from '../../sweep/point-aggregates.js';
import { hashUniform, syntheticLayout, syntheticShard, tempDir } from './fixtures.js';
import { tableBits, testSpecYaml } from './sweeps.js';

const QUIET: ProgressReporter = { start() {}, update() {}, stop() {} };

/** The shared test sweep (2 x 2 grid, 5 replicates), shards of 10 runs (2 points), keeping runs or not. */
function spec(keepRuns: boolean): string {
  const yaml = testSpecYaml({ shardSize: 10, replicates: 5 });
  return keepRuns ? yaml : yaml.replace('keep: { trajectories: 0, statistics: all }', 'keep: { trajectories: 0, statistics: all, runs: false }');
}

t.test('keep.runs: false stores only the per-point summary, bit-identical to the full sweep', async (t) => {
  const dir = await tempDir(t);
  const out: Record<string, string> = {};
  for (const keep of [true, false]) {
    const path = join(dir, `keep-${keep}.yaml`);
    await writeFile(path, spec(keep));
    out[String(keep)] = join(dir, `out-${keep}`);
    const result = await runLocalSweep({ sweep: path, outDir: out[String(keep)], threads: 2, progress: QUIET });
    t.equal(result.status, 'complete');
    t.equal(result.runs, 20, 'runs are counted as computed either way');
  }
  const full = join(out.true, 'sweep.duckdb');
  const points = join(out.false, 'sweep.duckdb');
  const summary = await tableBits(points, 'SELECT * FROM summary');
  t.equal(summary.rows.length, 4 * 20, '4 points x 20 statistics');
  t.same(summary, await tableBits(full, 'SELECT * FROM summary'), 'summary identical, bit for bit');
  t.same((await tableBits(points, 'SELECT count(*) FROM runs')).rows, [['bigint:0']], 'no runs kept');
  t.notOk(existsSync(join(out.false, 'runs.parquet')), 'no runs.parquet');
  t.ok(existsSync(join(out.false, 'summary.csv')), 'summary.csv');

  const store = await ResultStore.openExisting(out.false);
  t.teardown(() => store.close());
  t.equal(store.layout.keepRuns, false);
  t.equal((await store.summarize()).length, 80, 'summary DIR reads the per-point rows');
  t.throws(() => store.resolveAxes(['gamma']), { name: 'StoreAxisError' });
  await t.rejects(store.summarize(['beta']), { name: 'StoreAxisError', message: /keep\.runs: false/ });
});

t.test('keep.runs: the spec rules and the hash', async (t) => {
  const withKeep = (keep: string, extra = '') => testSpecYaml({ shardSize: 10, replicates: 5 }).replace('keep: { trajectories: 0, statistics: all }', keep) + extra;
  const issues = (yaml: string): string[] => {
    try {
      parseSpec(yaml, 'k.yaml');
    } catch (error) {
      if (error instanceof SpecError) return error.message.split('\n').slice(1).map((l) => l.trim());
      throw error;
    }
    return [];
  };
  t.same(issues(withKeep('keep: { runs: false }').replace('shardSize: 10', 'shardSize: 12')), [
    'shardSize: 12 is not a multiple of replicates (5); with keep.runs: false each shard must hold whole grid points (5 replicates each): use a multiple of 5, e.g. 10 or 15',
  ]);
  t.same(issues(withKeep('keep: { runs: false }').replace('shardSize: 10', 'shardSize: 3')), [
    'shardSize: 3 is not a multiple of replicates (5); with keep.runs: false each shard must hold whole grid points (5 replicates each): use a multiple of 5, e.g. 5',
  ]);
  t.same(issues(withKeep('keep: { runs: false, trajectories: 8 }')), [
    'keep.trajectories: 8 is not allowed with keep.runs: false (no runs are kept, so no trajectories either); allowed: 0',
  ]);
  t.same(issues(withKeep('keep: { runs: no }')), ['keep.runs: "no" is not true or false']);
  t.same(issues(withKeep('keep: { runs: true }').replace('shardSize: 10', 'shardSize: 12')), [], 'keeping runs: any shard size');
  const hash = (keep: string) => specHash(parseSpec(withKeep(keep)));
  t.equal(hash('keep: { runs: true }'), hash('keep: {}'), 'runs: true is the default and leaves the hash as it was');
  t.not(hash('keep: { runs: false }'), hash('keep: {}'));
});

t.test('point aggregates of raw worker values (fractional flags, non-integer counts, Infinity) match the stored path', async (t) => {
  const dir = await tempDir(t);
  const replicates = 70;
  const s = syntheticLayout(replicates, 140);
  const raw = (k: number) => {
    const { start, end } = s.shardRange(k);
    const out = syntheticShard(k, start, end);
    const c = out.columns;
    for (let i = 0; i < end - start; i++) {
      const u = hashUniform(start + i, 77);
      if (u < -0.3) c.converged[i] = 0.25;
      else if (u < -0.1) c.steps_taken[i] = 10.75;
      else if (u < 0) c.steps_taken[i] = Number.POSITIVE_INFINITY;
      else if (u < 0.1) c.escaped[i] = Number.NaN;
      else if (u < 0.2) c.acc_final[i] = Number.NaN;
    }
    return out;
  };
  const full = await ResultStore.open({ dir: join(dir, 'full'), layout: s.layout, specText: '', specJson: '{}', describe: s.describe });
  const points = await ResultStore.open({
    dir: join(dir, 'points'),
    layout: { ...s.layout, replicates, keepRuns: false },
    specText: '',
    specJson: '{}',
    describe: s.describe,
  });
  const spec = { replicates, keep: { statistics: 'all' as const, trajectories: 0 } } as unknown as Parameters<typeof withPointAggregates>[0];
  for (let k = 0; k < s.layout.shardCount; k++) {
    await full.commit([{ kind: 'result', out: raw(k), meta: { worker: 'w', attempts: 1 } }]);
    await points.commit([{ kind: 'result', out: withPointAggregates(spec, raw(k)), meta: { worker: 'w', attempts: 1 } }]);
  }
  // A shard without aggregates is refused by a store that keeps no runs, and the reverse.
  await t.rejects(points.commit([{ kind: 'result', out: raw(0), meta: { worker: 'w', attempts: 1 } }]), { name: 'StoreShardError' });
  await t.rejects(full.commit([{ kind: 'result', out: withPointAggregates(spec, raw(1)), meta: { worker: 'w', attempts: 1 } }]), {
    name: 'StoreShardError',
  });
  for (const store of [full, points]) {
    await store.writeSummary();
    await store.close();
  }
  const a = await tableBits(join(dir, 'full', 'sweep.duckdb'), 'SELECT * FROM summary');
  t.equal(a.rows.length, 6 * 20);
  t.same(await tableBits(join(dir, 'points', 'sweep.duckdb'), 'SELECT * FROM summary'), a, 'identical');
});
