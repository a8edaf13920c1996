/**
 * Cluster faults end to end with child processes (from source) against a
 * private nats-server: a worker stopped mid-shard, a shard that always throws
 * (the `throws` fixture kernel, test/fixtures/kernels/), retry-failed.
 */
import { join } from 'node:path';
import t from 'tap';
import { spawnCli } from '../cli/child.js';
import { tableBits, writeTestSpec } from '../coordinator/sweeps.js';
import { startNatsServer, uniqueNamespace } from '../helpers/nats-server.js';
import { scratch, shardRows, startWorker, stopWorker } from './fixtures.js';

const server = await startNatsServer(t);

t.test('a worker given SIGTERM mid-shard exits 0 and another worker finishes its shard', async (t) => {
  const dir = scratch(t);
  const namespace = uniqueNamespace();
  const spec = await writeTestSpec(dir, 'spec.yaml', { name: 'cluster-term', replicates: 2, shardSize: 4 });
  // The quitter's shards take 60 s (test-only delay), so SIGTERM lands mid-shard.
  const quitter = startWorker(t, server.url, namespace, 'quitter', { name: 'delay', options: { delayMs: 60000 } }, ['--drain-ms', '300']);
  await quitter.waitFor(/worker ready/);
  const run = spawnCli(t, ['run', spec, '--out', join(dir, 'out'), '--nats', server.url, '--progress', 'none'], {
    PATTERNSWEEP_NATS_NAMESPACE: namespace,
  });
  const started = await quitter.waitFor(/"shard":(\d+)[^\n]*"msg":"shard started"/);
  const shard = Number(started[1]);
  t.equal(await stopWorker(quitter), 0, 'exits 0 after handing its shard back');
  t.match(quitter.stderr(), /handed unfinished shards back/);
  const finisher = startWorker(t, server.url, namespace, 'finisher');
  t.equal((await run.exited).code, 0, `the sweep completes: ${run.stderr()}`);
  const rows = await shardRows(join(dir, 'out', 'sweep.duckdb'));
  t.equal(rows.length, 2);
  t.same(rows[shard], [`bigint:${shard}`, 'string:done', 'string:finisher', 'NULL'], `shard ${shard} finished by the other worker`);
  t.equal(await stopWorker(finisher), 0);
});

t.test('a shard that always throws is retried MaxDeliver times, recorded failed, and retry-failed fixes it', async (t) => {
  const dir = scratch(t);
  const namespace = uniqueNamespace();
  const spec = await writeTestSpec(dir, 'spec.yaml', { name: 'cluster-fail', replicates: 2, shardSize: 2 });
  const env = { PATTERNSWEEP_NATS_NAMESPACE: namespace, PATTERNSWEEP_NATS_MAX_DELIVER: '3' };
  const broken = startWorker(t, server.url, namespace, 'broken', { name: 'throws', options: { shards: [1] } }, [], env);
  await broken.waitFor(/worker ready/);
  const out = join(dir, 'out');
  const run = spawnCli(t, ['run', spec, '--out', out, '--nats', server.url, '--progress', 'none'], env);
  t.equal((await run.exited).code, 3, 'exit code 3: finished with failed shards');
  t.match(run.stdout(), /3\/4 shards stored, 1 failed/);
  const attempts = broken.stderr().match(/"shard":1,[^\n]*"msg":"shard failed"/g) ?? [];
  t.equal(attempts.length, 3, 'shard 1 was tried MaxDeliver = 3 times');
  const rows = await shardRows(join(out, 'sweep.duckdb'));
  t.same(rows[1].slice(1, 2), ['string:failed']);
  t.match(rows[1][3], /InjectedShardError.*failure injected/);
  t.equal(await stopWorker(broken), 0);

  const healthy = startWorker(t, server.url, namespace, 'healthy', null, [], env);
  const retry = spawnCli(t, ['retry-failed', out, '--nats', server.url], env);
  t.equal((await retry.exited).code, 0, `retry-failed succeeds: ${retry.stderr()}`);
  const after = await shardRows(join(out, 'sweep.duckdb'));
  t.same(after[1].slice(1, 3), ['string:done', 'string:healthy'], 'the failed shard is done now');
  t.equal(await stopWorker(healthy), 0);
});
