/**
 * JetStream-only parts of the protocol (the shared ones are in
 * test/queue/conformance.test.ts), with a real nats-server:
 * - garbage and unknown-version work messages are terminated, logged once,
 *   and the worker goes on;
 * - stop() hands an unfinished shard back at once; another worker finishes it;
 * - results larger than the server's max_payload travel in chunks and are
 *   stored whole: the tables equal a local run bit for bit (issue 13, point 2);
 * - results waiting in the stream when a coordinator starts (published while
 *   none ran) are stored before anything is enqueued: those shards are never
 *   computed again.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { pino, type Logger } from 'pino';
import { runLocalSweep } from '../../cli/local.js';
import { loadSweep, runSweep, sweepIdOf } from '../../coordinator/index.js';
import { patternsweep } from '../../proto/generated/patternsweep.js';
import { PROTOCOL_VERSION } from '../../proto/index.js';
import { clusterNames, JetStreamSweepQueues, JetStreamWorkSource } from '../../queue/jetstream/index.js';
import { runShard, WorkerLoop, type ShardRunner } from '../../worker/index.js';
import { tempDir } from '../coordinator/fixtures.js';
import { tableBits, writeTestSpec } from '../coordinator/sweeps.js';
import hangs from '../fixtures/kernels/hangs.js';
import { startNatsServer, uniqueNamespace } from '../helpers/nats-server.js';

const silent = pino({ level: 'silent' });
const inThread: ShardRunner = (task) => runShard(task);

async function connectTo(t: { teardown(fn: () => unknown): void }, url: string): Promise<NatsConnection> {
  const nc = await connect({ servers: url });
  t.teardown(() => (nc.isClosed() ? undefined : nc.close()));
  return nc;
}

async function startWorker(nc: NatsConnection, namespace: string, runner: ShardRunner, options: { workerId: string; logger?: Logger; drainMs?: number }) {
  const source = await JetStreamWorkSource.open({ connection: nc, namespace, fetchExpiresMs: 5000, settings: { ackWaitMs: 2000 } });
  const worker = new WorkerLoop({ source, runShard: runner, threads: 1, heartbeatMs: 500, ...options });
  return { worker, running: worker.run() };
}

t.test('garbage and unknown-version work messages are terminated, logged once, and the worker goes on', async (t) => {
  const server = await startNatsServer(t);
  const namespace = uniqueNamespace();
  const names = clusterNames(namespace);
  const dir = await tempDir(t);
  const spec = await writeTestSpec(dir, 'spec.yaml', { shardSize: 5 });
  const lines: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (s: string) => void lines.push(s) });
  const w = await startWorker(await connectTo(t, server.url), namespace, inThread, { workerId: 'w', logger });
  const js = jetstream(await connectTo(t, server.url));
  await js.publish(names.workSubject('junk'), new TextEncoder().encode('\u00ff not a shard at all'));
  const future = patternsweep.Shard.encode({ protocolVersion: PROTOCOL_VERSION + 1, sweepId: 'junk', specHash: 'x', shard: 0, start: 0, end: 2 }).finish();
  await js.publish(names.workSubject('junk'), future);
  const unknownBackend = patternsweep.Shard.encode({ protocolVersion: PROTOCOL_VERSION, sweepId: 'junk', specHash: 'x', shard: 0, start: 0, end: 2, backend: 'quantum' }).finish();
  await js.publish(names.workSubject('junk'), unknownBackend);
  const nc = await connectTo(t, server.url);
  const result = await runSweep({
    sweep: spec,
    outDir: join(dir, 'out'),
    queues: new JetStreamSweepQueues({ connection: nc, logger: silent, namespace }),
    progress: 'none',
  });
  t.equal(result.status, 'complete', 'the sweep still completes');
  const jsm = await jetstreamManager(nc);
  for (let i = 0; i < 200 && (await jsm.streams.info(names.workStream)).state.messages > 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  t.equal((await jsm.streams.info(names.workStream)).state.messages, 0, 'bad messages removed, not redelivered');
  const rejections = lines.map((l) => JSON.parse(l) as { msg: string; err: { name: string; message: string } }).filter((l) => l.msg.startsWith('rejected'));
  t.same(rejections.map((r) => r.err.name).sort(), ['ProtocolDecodeError', 'ProtocolVersionError', 'WireBackendError'], 'one log line per bad message');
  t.match(rejections.find((r) => r.err.name === 'WireBackendError')?.err.message, /backend: "quantum" is not one of js, tfjs/);
  w.worker.stop();
  await w.running;
});

t.test('stop() hands an unfinished shard back; another worker finishes it', async (t) => {
  const server = await startNatsServer(t);
  const namespace = uniqueNamespace();
  const dir = await tempDir(t);
  const spec = await writeTestSpec(dir, 'spec.yaml', { shardSize: 100 });
  let startedSlow!: () => void;
  const slowStarted = new Promise<void>((r) => (startedSlow = r));
  const stuck = hangs(inThread, { shards: [0] });
  const a = await startWorker(await connectTo(t, server.url), namespace, (task, signal) => (startedSlow(), stuck(task, signal)), {
    workerId: 'quitter',
    drainMs: 100,
  });
  const nc = await connectTo(t, server.url);
  const done = runSweep({ sweep: spec, outDir: join(dir, 'out'), queues: new JetStreamSweepQueues({ connection: nc, logger: silent, namespace }), progress: 'none' });
  await slowStarted;
  a.worker.stop();
  await a.running;
  const b = await startWorker(await connectTo(t, server.url), namespace, inThread, { workerId: 'finisher' });
  const result = await done;
  t.equal(result.status, 'complete');
  const rows = (await tableBits(join(dir, 'out', 'sweep.duckdb'), 'SELECT worker, attempts::VARCHAR FROM shards')).rows;
  t.same(rows, [['string:finisher', 'string:2']], 'the second delivery, on the other worker');
  b.worker.stop();
  await b.running;
});

t.test('results above max_payload go in chunks and are stored whole, bit-identical to a local run', async (t) => {
  const dir = await tempDir(t);
  const config = join(dir, 'small-payload.conf');
  await writeFile(config, 'max_payload: 65536\n');
  const server = await startNatsServer(t, ['-c', config]);
  const namespace = uniqueNamespace();
  // 40 runs x 100 trajectory points x 3 columns x 8 bytes per shard of 40: ~96 KB, above 64 KiB.
  const spec = await writeTestSpec(dir, 'spec.yaml', { shardSize: 40, replicates: 20, trajectories: 100 });
  const workerConnection = await connectTo(t, server.url);
  t.equal(workerConnection.info?.max_payload, 65536, 'the server announces the small max_payload');
  const w = await startWorker(workerConnection, namespace, inThread, { workerId: 'chunker' });
  const nc = await connectTo(t, server.url);
  const cluster = await runSweep({
    sweep: spec,
    outDir: join(dir, 'cluster'),
    queues: new JetStreamSweepQueues({ connection: nc, logger: silent, namespace }),
    progress: 'none',
  });
  w.worker.stop();
  await w.running;
  t.equal(cluster.status, 'complete');
  t.equal(cluster.shards.failed, 0, 'no shard failed on max_payload');
  const local = await runLocalSweep({ sweep: spec, outDir: join(dir, 'local'), threads: 1, runShard: inThread, progress: 'none' });
  t.equal(local.status, 'complete');
  for (const sql of ['SELECT * FROM runs ORDER BY idx', 'SELECT * FROM trajectories ORDER BY idx, k']) {
    const [a, b] = await Promise.all([tableBits(join(dir, 'cluster', 'sweep.duckdb'), sql), tableBits(join(dir, 'local', 'sweep.duckdb'), sql)]);
    t.ok(a.rows.length > 0, `${sql}: rows`);
    t.same(a, b, `${sql}: bit-identical`);
  }
});

t.test('results waiting from before the coordinator started are stored first; their shards are not computed again', async (t) => {
  const server = await startNatsServer(t);
  const namespace = uniqueNamespace();
  const dir = await tempDir(t);
  const spec = await writeTestSpec(dir, 'spec.yaml', { shardSize: 2 });
  const sweep = await loadSweep(spec);
  const sweepId = sweepIdOf(sweep.spec.name, sweep.specHash);
  const workerConnection = await connectTo(t, server.url);
  // A coordinator that died left these: results of shards 0..5, published, never stored.
  const earlier = await JetStreamWorkSource.open({ connection: workerConnection, namespace, fetchExpiresMs: 5000 });
  const waiting = [0, 1, 2, 3, 4, 5];
  for (const shard of waiting) {
    const { start, end } = sweep.plan.shardRange(shard);
    const out = await runShard({ spec: sweep.spec, specHash: sweep.specHash, shard, start, end, backend: 'js' });
    await earlier.publishResult({ ...out, sweepId, specHash: sweep.specHash, workerId: 'before', attempt: 1, runId: 'dead-session' }, `${sweepId}:${shard}:dead-session`);
  }
  const computed: number[] = [];
  const w = await startWorker(workerConnection, namespace, (task, signal) => (computed.push(task.shard), inThread(task, signal)), { workerId: 'after' });
  const result = await runSweep({
    sweep,
    outDir: join(dir, 'cluster'),
    queues: new JetStreamSweepQueues({ connection: await connectTo(t, server.url), logger: silent, namespace }),
    // One record per commit: each backlog commit is a chance to enqueue too early.
    writer: { maxBatch: 1, capacity: 1 },
    progress: 'none',
  });
  w.worker.stop();
  await w.running;
  t.equal(result.status, 'complete');
  t.same(computed.filter((k) => waiting.includes(k)), [], 'no shard of the backlog was computed again');
  t.same([...computed].sort((a, b) => a - b), [6, 7, 8, 9], 'the others once each');
  const local = await runLocalSweep({ sweep, outDir: join(dir, 'local'), threads: 1, runShard: inThread, progress: 'none' });
  t.equal(local.status, 'complete');
  const sql = 'SELECT * FROM runs ORDER BY idx';
  t.same(await tableBits(join(dir, 'cluster', 'sweep.duckdb'), sql), await tableBits(join(dir, 'local', 'sweep.duckdb'), sql), 'bit-identical runs');
});
