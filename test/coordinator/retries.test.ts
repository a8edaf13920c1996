/**
 * One retry policy in both modes (issue 11): a sweep whose runner fails
 * shard 3 twice and then succeeds ends with every row stored, the shard's
 * `attempts` = 3, and the runs table bit-identical to a clean local run —
 * locally (memory queue, in-process lanes) and over JetStream (the same
 * coordinator and worker loops against a real nats-server). The flaky runner
 * is the `flaky` fixture kernel around the real pool.
 */
import { join } from 'node:path';
import t from 'tap';
import { connect } from '@nats-io/transport-node';
import { pino } from 'pino';
import { runLocalSweep } from '../../cli/local.js';
import { runSweep } from '../../coordinator/index.js';
import { JetStreamSweepQueues, JetStreamWorkSource } from '../../queue/jetstream/index.js';
import { ShardPool, WorkerLoop, type ShardRunner } from '../../worker/index.js';
import flaky from '../fixtures/kernels/flaky.js';
import { startNatsServer, uniqueNamespace } from '../helpers/nats-server.js';
import { tempDir } from './fixtures.js';
import { tableBits, writeTestSpec } from './sweeps.js';

const RUNS = 'SELECT * FROM runs ORDER BY idx';
const SHARDS = 'SELECT shard, status, attempts::VARCHAR FROM shards ORDER BY shard';
const BACKOFF = { baseMs: 100 };

const pool = new ShardPool({ threads: 2 });
t.teardown(() => pool.close());
const real: ShardRunner = (task, signal) => pool.run(task, signal);
const flakyShard3 = (): ShardRunner => flaky(real, { shards: [3], failures: 2 });

type Asserts = Pick<typeof t, 'same' | 'ok'>;

async function check(t: Asserts, db: string, clean: Awaited<ReturnType<typeof tableBits>>): Promise<void> {
  const runs = await tableBits(db, RUNS);
  t.same(runs, clean, 'every row stored, bit-identical to a clean run');
  const shards = (await tableBits(db, SHARDS)).rows;
  t.ok(shards.every((row) => row[1] === 'string:done'), 'every shard done');
  t.same(shards[3].slice(1), ['string:done', 'string:3'], 'shard 3: attempts = 3');
  t.ok(shards.filter((_, k) => k !== 3).every((row) => row[2] === 'string:1'), 'the others: one attempt');
}

t.test('shard 3 fails twice, then succeeds: attempts = 3 in both modes', async (t) => {
  const dir = await tempDir(t);
  const spec = await writeTestSpec(dir, 'spec.yaml', { shardSize: 3 });
  const clean = await runLocalSweep({ sweep: spec, outDir: join(dir, 'clean'), threads: 2, runShard: real, progress: 'none' });
  t.equal(clean.status, 'complete');
  const cleanRuns = await tableBits(join(dir, 'clean', 'sweep.duckdb'), RUNS);

  t.test('local: memory queue, in-process lanes', async (t) => {
    const out = join(dir, 'local');
    const r = await runLocalSweep({ sweep: spec, outDir: out, threads: 2, runShard: flakyShard3(), backoff: BACKOFF, progress: 'none' });
    t.equal(r.status, 'complete');
    t.equal(r.shards.failed, 0);
    await check(t, join(out, 'sweep.duckdb'), cleanRuns);
  });

  t.test('cluster: JetStream, a worker loop on its own connection', async (t) => {
    const server = await startNatsServer(t);
    const namespace = uniqueNamespace();
    const coordinatorConnection = await connect({ servers: server.url });
    const workerConnection = await connect({ servers: server.url });
    t.teardown(async () => {
      await workerConnection.close();
      await coordinatorConnection.close();
    });
    const silent = pino({ level: 'silent' });
    const source = await JetStreamWorkSource.open({ connection: workerConnection, namespace, fetchExpiresMs: 5000 });
    const worker = new WorkerLoop({ source, runShard: flakyShard3(), threads: 2, workerId: 'flaky-worker', backoff: BACKOFF });
    const running = worker.run();
    const out = join(dir, 'cluster');
    try {
      const r = await runSweep({
        sweep: spec,
        outDir: out,
        queues: new JetStreamSweepQueues({ connection: coordinatorConnection, logger: silent, namespace }),
        progress: 'none',
      });
      t.equal(r.status, 'complete');
      t.equal(r.shards.failed, 0);
    } finally {
      worker.stop();
      await running;
    }
    await check(t, join(out, 'sweep.duckdb'), cleanRuns);
  });
});
