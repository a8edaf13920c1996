/**
 * The cluster protocol in one process, with a real nats-server but synthetic
 * shard results (the worker's runner is replaced), so protocol behaviour is
 * tested apart from the model: exactly-once storage, dead-lettering after
 * MaxDeliver, rejection of bad messages, bounded in-flight, drain.
 */
import t from 'tap';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { pino } from 'pino';
import { NatsDispatcher } from '../../coordinator/nats/dispatcher.js';
import { readClusterStatus } from '../../coordinator/nats/cluster-status.js';
import { STAT_NAMES, type StatName } from '../../model/stats.js';
import { patternsweep } from '../../proto/generated/patternsweep.js';
import { PROTOCOL_VERSION } from '../../proto/index.js';
import { parseSpec, specHash } from '../../sweep/index.js';
import { ClusterWorker, type ShardRunner } from '../../worker/nats/worker.js';
import { clusterNames } from '../../worker/nats/topology.js';
import type { ShardOutput, ShardTask } from '../../worker/shard.js';
import { startNatsServer, uniqueNamespace } from '../helpers/nats-server.js';

const SPEC = parseSpec(
  [
    'name: proto-test',
    'seed: 1',
    'backend: js',
    'model: { patterns: 3, successRate: [0.9, 0.5, 0.1], initialPattern: uniform }',
    'reward: rlvr',
    'algorithm: { rule: euler, stepSize: 0.1 }',
    'horizon: { tMax: 10, maxSteps: 100 }',
    'epsilon: 0.01',
    'grid:',
    '  beta: { linspace: [0, 1, 40] }',
    'shardSize: 2',
    'keep: { trajectories: 0, statistics: all }',
    '',
  ].join('\n'),
);
const HASH = specHash(SPEC);

function tasks(count: number, size = 2): ShardTask[] {
  return Array.from({ length: count }, (_, shard) => ({
    spec: SPEC,
    specHash: HASH,
    shard,
    start: shard * size,
    end: shard * size + size,
    backend: 'js' as const,
  }));
}

/** Column j of run i holds i + j / 100: any mix-up of rows or columns shows. */
function syntheticOutput(task: ShardTask): ShardOutput {
  const n = task.end - task.start;
  const columns = {} as Record<StatName, Float64Array>;
  STAT_NAMES.forEach((name, j) => (columns[name] = Float64Array.from({ length: n }, (_, i) => task.start + i + j / 100)));
  return { shard: task.shard, start: task.start, end: task.end, columns, trajectory: null, backend: 'synthetic', elapsedMs: 1 };
}

interface Collected {
  results: Map<number, number>;
  failures: Map<number, { name: string; message: string; attempts: number }>;
  workers: Set<string>;
}

function collector(): Collected & { sink: Parameters<NatsDispatcher['run']>[1] } {
  const c: Collected = { results: new Map(), failures: new Map(), workers: new Set() };
  return {
    ...c,
    sink: {
      onResult: async (out, meta) => {
        c.results.set(out.shard, (c.results.get(out.shard) ?? 0) + 1);
        c.workers.add(meta.worker);
        if (out.columns.acc_final[0] !== out.start + 1 / 100) throw new Error(`shard ${out.shard}: wrong column data`);
      },
      onFailure: async (task, error) => {
        c.failures.set(task.shard, error);
      },
    },
  };
}

const silent = pino({ level: 'silent' });

async function setup(t: { teardown(fn: () => unknown): void }) {
  const server = await startNatsServer(t);
  const nc = await connect({ servers: server.url });
  t.teardown(() => nc.close());
  return { server, nc, namespace: uniqueNamespace() };
}

function startWorker(nc: NatsConnection, namespace: string, runShard: ShardRunner, threads: number, extra: Partial<ConstructorParameters<typeof ClusterWorker>[0]> = {}) {
  const worker = new ClusterWorker({ connection: nc, runShard, threads, logger: silent, namespace, heartbeatMs: 500, fetchExpiresMs: 10_000, ...extra });
  const running = worker.run();
  return { worker, running };
}

t.test('two workers of different sizes store every shard exactly once; in-flight stays bounded', async (t) => {
  const { nc, namespace } = await setup(t);
  const maxSeen = { inFlight: 0 };
  const dispatcher = new NatsDispatcher({ connection: nc, logger: silent, namespace, maxInFlight: 6, progressIntervalMs: 100 });
  // Uneven costs: every 5th shard is slow.
  const runner: ShardRunner = async (task) => {
    maxSeen.inFlight = Math.max(maxSeen.inFlight, dispatcher.metrics.status.inFlight);
    await new Promise((r) => setTimeout(r, task.shard % 5 === 0 ? 60 : 2));
    return syntheticOutput(task);
  };
  const a = startWorker(nc, namespace, runner, 1, { workerId: 'small' });
  const b = startWorker(nc, namespace, runner, 3, { workerId: 'large' });
  const c = collector();
  await dispatcher.run(tasks(20), c.sink);
  t.equal(c.results.size, 20, 'every shard stored');
  t.ok([...c.results.values()].every((n) => n === 1), 'each exactly once');
  t.same([...c.workers].sort(), ['large', 'small'], 'both workers took work');
  t.ok(maxSeen.inFlight <= 6, `in flight never above maxInFlight (saw ${maxSeen.inFlight})`);
  t.equal(dispatcher.metrics.status.done, 20);
  const status = await readClusterStatus(nc, { namespace });
  t.equal(status.sweeps[0]?.state, 'finished');
  t.equal(status.sweeps[0]?.done, 20);
  t.same(status.workers.map((w) => w.workerId), ['large', 'small'], 'heartbeats list both live workers');
  a.worker.stop();
  b.worker.stop();
  await Promise.all([a.running, b.running]);
  const after = await readClusterStatus(nc, { namespace });
  t.equal(after.workers.length, 0, 'stopped workers remove their heartbeat');
});

t.test('a shard that always throws is delivered MaxDeliver times, then recorded failed with its last error', async (t) => {
  const { nc, namespace } = await setup(t);
  const deliveries = new Map<number, number>();
  const runner: ShardRunner = async (task) => {
    deliveries.set(task.shard, (deliveries.get(task.shard) ?? 0) + 1);
    if (task.shard === 3) throw Object.assign(new Error(`boom in shard ${task.shard}`), { name: 'KernelBoom' });
    return syntheticOutput(task);
  };
  const w = startWorker(nc, namespace, runner, 2);
  const dispatcher = new NatsDispatcher({ connection: nc, logger: silent, namespace, maxDeliver: 3, ackWaitMs: 5000 });
  const c = collector();
  const began = Date.now();
  await dispatcher.run(tasks(8), c.sink);
  t.equal(c.results.size, 7, 'the other shards complete');
  t.equal(deliveries.get(3), 3, 'tried MaxDeliver = 3 times');
  t.same(c.failures.get(3), { name: 'KernelBoom', message: 'boom in shard 3', attempts: 3 });
  t.ok(Date.now() - began < 20_000, 'retries back off 1 s, 2 s, not AckWait');
  const jsm = await jetstreamManager(nc);
  const info = await jsm.streams.info(clusterNames(namespace).workStream);
  t.equal(info.state.messages, 0, 'no dead work message left in the stream');
  w.worker.stop();
  await w.running;
});

t.test('a shard whose workers die every time is dead-lettered from the MAX_DELIVERIES advisory', async (t) => {
  const { nc, namespace } = await setup(t);
  const names = clusterNames(namespace);
  const dispatcher = new NatsDispatcher({ connection: nc, logger: silent, namespace, maxDeliver: 2, ackWaitMs: 1000 });
  const c = collector();
  let settled = false;
  const done = dispatcher.run(tasks(1), c.sink).finally(() => (settled = true));
  // The test plays workers that take the shard and die (kill -9): no ack, nak
  // or failure report. Its pulls also let the server notice MaxDeliver (it
  // checks when it next tries to deliver), which sends the advisory.
  const jsm = await jetstreamManager(nc);
  for (let i = 0; i < 100 && !(await jsm.consumers.info(names.workStream, names.workConsumer).then(() => true, () => false)); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const consumer = await jetstream(nc).consumers.get(names.workStream, names.workConsumer);
  let deliveries = 0;
  // expires 4 s: the client's idle heartbeat is expires/2, and a shorter one
  // is missed on a loaded machine ("heartbeats missed" ends the pull).
  for (let i = 0; i < 20 && !settled; i++) {
    const msg = await consumer.next({ expires: 4000 });
    if (msg !== null) deliveries = msg.info.deliveryCount;
  }
  await done;
  t.equal(deliveries, 2, 'delivered MaxDeliver = 2 times');
  t.equal(c.results.size, 0);
  const failure = c.failures.get(0);
  t.equal(failure?.name, 'MaxDeliveriesExceeded');
  t.equal(failure?.attempts, 2);
  t.match(failure?.message, /no worker finished shard 0 in 2 deliveries/);
  t.equal((await jsm.streams.info(names.workStream)).state.messages, 0, 'the dead message was deleted');
});

t.test('garbage and unknown-version work messages are terminated, logged once, and the worker goes on', async (t) => {
  const { nc, namespace } = await setup(t);
  const names = clusterNames(namespace);
  const lines: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (s: string) => void lines.push(s) });
  const runner: ShardRunner = async (task) => syntheticOutput(task);
  // Short AckWait: a delivery lost in a pull-expiry race comes back in 2 s.
  const w = startWorker(nc, namespace, runner, 2, { logger, ackWaitMs: 2000 });
  const dispatcher = new NatsDispatcher({ connection: nc, logger: silent, namespace });
  const js = jetstream(nc);
  // Wait until the worker has made the stream, then poison it.
  const jsm = await jetstreamManager(nc);
  for (let i = 0; i < 100; i++) {
    if (await jsm.streams.info(names.workStream).then(() => true, () => false)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await js.publish(names.workSubject('junk'), new TextEncoder().encode('\u00ff not a shard at all'));
  const future = patternsweep.Shard.encode({ protocolVersion: PROTOCOL_VERSION + 1, sweepId: 'junk', specHash: HASH, shard: 0, start: 0, end: 2 }).finish();
  await js.publish(names.workSubject('junk'), future);
  const c = collector();
  await dispatcher.run(tasks(4), c.sink);
  t.equal(c.results.size, 4, 'the sweep still completes');
  // Both bad messages were taken before or alongside the real ones.
  for (let i = 0; i < 200 && (await jsm.streams.info(names.workStream)).state.messages > 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  t.equal((await jsm.streams.info(names.workStream)).state.messages, 0, 'bad messages removed, not redelivered');
  const rejections = lines.map((l) => JSON.parse(l) as { msg: string; err: { name: string; message: string } }).filter((l) => l.msg.startsWith('rejected'));
  t.equal(rejections.length, 2, 'one log line per bad message');
  t.same(rejections.map((r) => r.err.name).sort(), ['ProtocolDecodeError', 'ProtocolVersionError']);
  t.match(rejections.find((r) => r.err.name === 'ProtocolVersionError')?.err.message, `protocol version ${PROTOCOL_VERSION + 1}`);
  w.worker.stop();
  await w.running;
});

t.test('stop() hands an unfinished shard back; another worker finishes it', async (t) => {
  const { nc, namespace } = await setup(t);
  let startedSlow!: () => void;
  const slowStarted = new Promise<void>((r) => (startedSlow = r));
  const slow: ShardRunner = (task, signal) =>
    new Promise((resolve, reject) => {
      startedSlow();
      const timer = setTimeout(() => resolve(syntheticOutput(task)), 60_000);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new Error('aborted'));
      });
    });
  const a = startWorker(nc, namespace, slow, 1, { workerId: 'quitter', drainMs: 100 });
  const dispatcher = new NatsDispatcher({ connection: nc, logger: silent, namespace });
  const c = collector();
  const done = dispatcher.run(tasks(1), c.sink);
  await slowStarted;
  a.worker.stop();
  await a.running;
  const b = startWorker(nc, namespace, async (task) => syntheticOutput(task), 1, { workerId: 'finisher' });
  await done;
  t.same([...c.workers], ['finisher']);
  t.equal(c.results.get(0), 1);
  b.worker.stop();
  await b.running;
});
