/**
 * Cluster mode end to end, as users run it: `patternsweep worker` and
 * `patternsweep run --nats` child processes (from source) against a private
 * nats-server; results compared bit for bit with local mode.
 */
import { join } from 'node:path';
import t from 'tap';
import { spawnCli } from '../cli/child.js';
import { tableBits, writeTestSpec } from '../coordinator/sweeps.js';
import { startNatsServer, uniqueNamespace } from '../helpers/nats-server.js';
import { scratch, shardRows, startWorker, stopWorker } from './fixtures.js';

const server = await startNatsServer(t);

t.test('one coordinator and three workers store the same runs table as local mode, bit for bit', async (t) => {
  const dir = scratch(t);
  const namespace = uniqueNamespace();
  const spec = await writeTestSpec(dir, 'spec.yaml', { name: 'cluster-eq', replicates: 6, shardSize: 3, trajectories: 4 });
  const workers = ['w1', 'w2', 'w3'].map((id) => startWorker(t, server.url, namespace, id));
  const local = spawnCli(t, ['run', spec, '--out', join(dir, 'local'), '--threads', '2', '--progress', 'none']);
  await Promise.all(workers.map((w) => w.waitFor(/worker ready/)));
  const cluster = spawnCli(t, ['run', spec, '--out', join(dir, 'cluster'), '--nats', server.url, '--progress', 'none'], {
    PATTERNSWEEP_NATS_NAMESPACE: namespace,
  });
  t.equal((await local.exited).code, 0, 'local run succeeds');
  t.equal((await cluster.exited).code, 0, `cluster run succeeds: ${cluster.stderr()}`);
  const sql = 'SELECT * FROM runs ORDER BY idx';
  const a = await tableBits(join(dir, 'local', 'sweep.duckdb'), sql);
  const b = await tableBits(join(dir, 'cluster', 'sweep.duckdb'), sql);
  t.equal(b.rows.length, 24);
  t.same(b, a, 'runs table identical to the last bit');
  const trajectories = 'SELECT * FROM trajectories ORDER BY idx, k';
  t.same(await tableBits(join(dir, 'cluster', 'sweep.duckdb'), trajectories), await tableBits(join(dir, 'local', 'sweep.duckdb'), trajectories));
  const shards = await shardRows(join(dir, 'cluster', 'sweep.duckdb'));
  t.equal(shards.length, 8, 'every shard recorded once');
  t.ok(shards.every((r) => r[1] === 'string:done' && /^string:w[123]$/.test(r[2])), 'all done by the cluster workers');

  const status = spawnCli(t, ['status', '--nats', server.url, '--json'], { PATTERNSWEEP_NATS_NAMESPACE: namespace });
  t.equal((await status.exited).code, 0);
  const parsed = JSON.parse(status.stdout()) as { sweeps: { state: string; done: number; total: number }[]; workers: { workerId: string }[] };
  t.match(parsed.sweeps[0], { state: 'finished', done: 8, total: 8 });
  t.same(parsed.workers.map((w) => w.workerId), ['w1', 'w2', 'w3'], 'status lists the live workers');
  for (const w of workers) t.equal(await stopWorker(w), 0, 'SIGTERM on an idle worker exits 0');
});
