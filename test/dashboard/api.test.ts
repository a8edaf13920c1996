/**
 * The JSON API as the CLI uses it: `summary` and `sql` on a folder whose store
 * a running coordinator holds (they go through DIR/dashboard.json), `serve`
 * on a finished sweep, and `sql` straight on a stored sweep.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { ADDRESS_FILE, serveLiveSweep } from '../../coordinator/dashboard/index.js';
import { ResultStore } from '../../coordinator/store.js';
import { runLocalSweep } from '../../cli/local.js';
import { ShardPool } from '../../worker/index.js';
import { spawnCli } from '../cli/child.js';
import { tempDir } from '../coordinator/fixtures.js';
import { writeTestSpec } from '../coordinator/sweeps.js';
import { ShardGate } from './gate.js';

type Row = Record<string, unknown>;

t.test('while a sweep runs, summary and sql read it through the coordinator\'s API', async (t) => {
  const dir = await tempDir(t);
  const spec = await writeTestSpec(dir, 'spec.yaml', { shardSize: 4 });
  const out = join(dir, 'out');
  const pool = new ShardPool({ threads: 1 });
  const dispatcher = new ShardGate((task, signal) => pool.run(task, signal), [3]);
  let store!: ResultStore;
  const running = runLocalSweep({
    sweep: spec,
    outDir: out,
    threads: 1,
    runShard: dispatcher.runShard,
    observer: dispatcher.observer,
    progress: 'none',
    onStoreOpen: async (sweep) => {
      store = sweep.store;
      return serveLiveSweep(sweep, { port: 0 });
    },
  });
  t.teardown(async () => {
    dispatcher.releaseAll();
    await running.catch(() => undefined);
    await pool.close();
  });
  await dispatcher.reached(3);
  t.ok(existsSync(join(out, ADDRESS_FILE)), 'the coordinator left its API address');

  const summary = spawnCli(t, ['summary', out, '--format', 'json']);
  t.equal((await summary.exited).code, 0, summary.stderr());
  const rows = JSON.parse(summary.stdout()) as Row[];
  const expected = JSON.parse(JSON.stringify(await store.summarize(), (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))) as Row[];
  t.same(rows, expected, 'the same rows as the store computes (12 of 20 runs stored)');
  t.equal(new Set(rows.map((r) => r.point)).size, 3, 'points 0-2 have runs so far');

  const table = spawnCli(t, ['summary', out, '--by', 'beta']);
  t.equal((await table.exited).code, 0, table.stderr());
  t.match(table.stdout(), /sweep local-test \(running, read through its API at http:\/\/127\.0\.0\.1:\d+\): 12\/20 runs stored so far, 0 shards failed/);
  t.match(table.stdout(), /beta\s+statistic\s+runs/);

  const sql = spawnCli(t, ['sql', out, 'SELECT point, count(*) AS n FROM runs GROUP BY point ORDER BY point', '--format', 'csv']);
  t.equal((await sql.exited).code, 0, sql.stderr());
  t.equal(sql.stdout(), 'point,n\n0,5\n1,5\n2,2\n');

  const serve = spawnCli(t, ['serve', out, '--port', '0']);
  t.equal((await serve.exited).code, 1);
  t.match(serve.stderr(), /is being written by a running sweep; its dashboard is at http:\/\/127\.0\.0\.1:\d+\//);

  const write = spawnCli(t, ['sql', out, 'DELETE FROM runs']);
  t.equal((await write.exited).code, 1);
  t.match(write.stderr(), /only read-only queries/);

  dispatcher.release(3);
  t.equal((await running).status, 'complete');
  t.notOk(existsSync(join(out, ADDRESS_FILE)), 'the address is removed when the coordinator stops serving');

  // Stored now: sql opens the store itself.
  const local = spawnCli(t, ['sql', out, 'SELECT count(*) AS runs, count(DISTINCT point) AS points FROM runs', '--format', 'json']);
  t.equal((await local.exited).code, 0, local.stderr());
  t.same(JSON.parse(local.stdout()), [{ runs: 20, points: 4 }]);
  const refused = spawnCli(t, ['sql', out, 'DROP TABLE runs']);
  t.equal((await refused.exited).code, 1);
  t.match(refused.stderr(), /only read-only queries/);
});

t.test('serve DIR: the dashboard of a finished sweep, its API, Ctrl-C stops it', async (t) => {
  const dir = await tempDir(t);
  const spec = await writeTestSpec(dir, 'spec.yaml', { shardSize: 4 });
  const out = join(dir, 'out');
  const run = spawnCli(t, ['run', spec, '--out', out, '--threads', '1', '--progress', 'none']);
  t.equal((await run.exited).code, 0, run.stderr());

  const serve = spawnCli(t, ['serve', out, '--port', '0']);
  const [, url] = await serve.waitFor(/dashboard: (http:\/\/127\.0\.0\.1:\d+)\//);
  const progress = (await (await fetch(`${url}/api/progress`)).json()) as Row;
  t.match(progress, { state: 'complete', doneShards: 5, totalShards: 5, doneRuns: 20, totalRuns: 20, runsPerSecond: null });
  const points = (await (await fetch(`${url}/api/points?stat=acc_final`)).json()) as { points: { point: number; value: number; n: number }[] };
  const store = await ResultStore.openExisting(out);
  t.teardown(() => store.close());
  const truth = (await store.connection.runAndReadAll('SELECT point, avg(acc_final), count(*) FROM runs GROUP BY point ORDER BY point')).getRows();
  t.same(
    points.points.map((p) => [p.point, p.value, p.n]),
    truth.map((r) => [Number(r[0]), Number(r[1]), Number(r[2])]),
    'one value per grid point, equal to the store',
  );
  const bad = await fetch(`${url}/api/points?stat=nope`);
  t.equal(bad.status, 400);
  t.match(((await bad.json()) as { error: { message: string } }).error.message, /stat: "nope" is not a kept statistic/);
  const page = await (await fetch(`${url}/`)).text();
  t.notMatch(page, /https?:\/\/(?!vega\.github\.io)/, 'no external URL in the page');
  const vega = await fetch(`${url}/assets/vega-embed.min.js`);
  t.equal(vega.status, 200, 'vega-embed served from node_modules');
  serve.child.kill('SIGINT');
  t.equal((await serve.exited).code, 0);
});
