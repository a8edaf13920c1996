/**
 * The work-queue contract (queue/contract.ts), one suite for both transports:
 * the in-memory queue of local mode and JetStream + KV against a real
 * nats-server. Each check runs the real coordinator loop (coordinate) and the
 * real worker loop (WorkerLoop) with synthetic shard results, so protocol
 * behaviour is tested apart from the model:
 * ordering, exactly-once storage with bounded in-flight, redelivery after a
 * lost worker, backoff, dead-lettering after MaxDeliver, unrecoverable
 * errors, duplicate results and protocol errors (wrong range, spec, shape,
 * unknown shard).
 */
import t from 'tap';
import { DoneSet, StoreWriter, coordinate, type CommitOutcome, type CoordinateResult, type ShardRecord } from '../../coordinator/index.js';
import { STAT_NAMES, type StatName } from '../../model/stats.js';
import type { ShardResultMessage } from '../../proto/index.js';
import type { ShardOutput, SweepQueueFactory, WorkSource } from '../../queue/index.js';
import { parseSpec, planSweep, specHash } from '../../sweep/index.js';
import { WorkerLoop, type ShardRunner, type ShardTask } from '../../worker/index.js';
import { InjectedShardError } from '../fixtures/kernels/kernel.js';
import { TRANSPORTS, type Transport } from './transports.js';

function specTextOf(points: number): string {
  return (
    [
      'name: conformance',
      'seed: 1',
      'backend: js',
      'model: { patterns: 3, successRate: [0.9, 0.5, 0.1], initialPattern: uniform }',
      'reward: rlvr',
      'algorithm: { rule: euler, stepSize: 0.1 }',
      'horizon: { tMax: 10, maxSteps: 100 }',
      'epsilon: 0.01',
      'grid:',
      `  beta: { linspace: [0, 1, ${points}] }`,
      'shardSize: 2',
      'keep: { trajectories: 0, statistics: all }',
      '',
    ].join('\n')
  );
}

/** Column j of run i holds i + j / 100: any mix-up of rows or columns shows. */
function syntheticOutput(task: Pick<ShardTask, 'shard' | 'start' | 'end'>): ShardOutput {
  const n = task.end - task.start;
  const columns = {} as Record<StatName, Float64Array>;
  STAT_NAMES.forEach((name, j) => (columns[name] = Float64Array.from({ length: n }, (_, i) => task.start + i + j / 100)));
  return { shard: task.shard, start: task.start, end: task.end, columns, trajectory: null, backend: 'synthetic', elapsedMs: 1 };
}

const synthetic: ShardRunner = async (task) => syntheticOutput(task);

/** The store's commit semantics (a shard done once; failures of done shards ignored), in memory. */
class FakeStore {
  readonly stored = new Map<number, { worker: string; attempts: number; count: number }>();
  readonly failed = new Map<number, { name: string; message: string; attempts: number }>();
  readonly outcomes: CommitOutcome[] = [];
  batches = 0;

  async commit(batch: readonly ShardRecord[]): Promise<CommitOutcome[]> {
    this.batches++;
    const out = batch.map((record): CommitOutcome => {
      const shard = record.kind === 'result' ? record.out.shard : record.task.shard;
      if (this.stored.has(shard)) return 'duplicate';
      if (record.kind === 'failure') {
        this.failed.set(shard, record.error);
        return 'failed';
      }
      const { out: o } = record;
      if (o.columns.acc_final[0] !== o.start + 1 / 100) throw new Error(`shard ${o.shard}: wrong column data`);
      this.failed.delete(shard);
      this.stored.set(shard, { worker: record.meta.worker, attempts: record.meta.attempts, count: 1 });
      return 'stored';
    });
    this.outcomes.push(...out);
    return out;
  }
}

interface Sweep {
  readonly store: FakeStore;
  readonly inFlight: number[];
  readonly result: Promise<CoordinateResult>;
  readonly protocolErrors: string[];
}

function startSweep(queues: SweepQueueFactory, points: number, options: { maxInFlight?: number } = {}): Sweep {
  const specText = specTextOf(points);
  const spec = parseSpec(specText, 'conformance');
  const hash = specHash(spec);
  const plan = planSweep(spec);
  const store = new FakeStore();
  const inFlight: number[] = [];
  const protocolErrors: string[] = [];
  const result = coordinate({
    queues,
    entry: { sweepId: `conf-${hash.slice(0, 12)}`, specHash: hash, spec, specText },
    plan,
    layout: { statistics: STAT_NAMES, trajectoryPoints: 0 },
    done: new DoneSet(),
    writer: new StoreWriter(store),
    backend: 'js',
    maxInFlight: options.maxInFlight,
    observer: { inFlight: (n) => inFlight.push(n), protocolError: (_w, message) => protocolErrors.push(message) },
  });
  return { store, inFlight, result, protocolErrors };
}

async function startWorker(transport: Transport, runShard: ShardRunner, threads: number, workerId: string, backoff = { baseMs: 200 }) {
  const source = await transport.source();
  const worker = new WorkerLoop({ source, runShard, threads, workerId, heartbeatMs: 500, drainMs: 200, backoff });
  const running = worker.run();
  return { worker, running, source };
}

async function stop(...workers: { worker: WorkerLoop; running: Promise<void> }[]): Promise<void> {
  for (const w of workers) w.worker.stop();
  await Promise.all(workers.map((w) => w.running));
}

/** Pulls one delivery as a worker that then dies would: no ack, nak or report. */
async function pullAndDrop(source: WorkSource): Promise<number | null> {
  const d = await source.pull();
  return d === null ? null : d.deliveryCount;
}

for (const { name, make } of TRANSPORTS) {
  t.test(`${name}: one lane takes shards in enqueue (shard) order`, async (t) => {
    const transport = await make(t, { ackWaitMs: 5000, maxDeliver: 3 });
    const order: number[] = [];
    const sweep = startSweep(transport.queues, 16);
    const w = await startWorker(transport, async (task) => (order.push(task.shard), syntheticOutput(task)), 1, 'solo');
    const r = await sweep.result;
    await stop(w);
    t.same(order, [0, 1, 2, 3, 4, 5, 6, 7], 'FIFO');
    t.same(r, { stored: 8, failed: 0, protocolErrors: 0, finished: true });
  });

  t.test(`${name}: two workers store every shard exactly once; in flight stays bounded`, async (t) => {
    const transport = await make(t, { ackWaitMs: 5000, maxDeliver: 3 });
    const sweep = startSweep(transport.queues, 40, { maxInFlight: 6 });
    // Uneven costs: every 5th shard is slow.
    const runner: ShardRunner = async (task) => {
      await new Promise((r) => setTimeout(r, task.shard % 5 === 0 ? 40 : 2));
      return syntheticOutput(task);
    };
    const a = await startWorker(transport, runner, 1, 'small');
    const b = await startWorker(transport, runner, 3, 'large');
    const r = await sweep.result;
    await stop(a, b);
    t.equal(r.stored, 20);
    t.equal(sweep.store.stored.size, 20, 'every shard stored');
    t.ok([...sweep.store.stored.values()].every((s) => s.count === 1 && s.attempts === 1), 'each exactly once, first try');
    t.same([...new Set([...sweep.store.stored.values()].map((s) => s.worker))].sort(), ['large', 'small'], 'both workers took work');
    t.ok(Math.max(...sweep.inFlight) <= 6, `in flight never above maxInFlight (saw ${Math.max(...sweep.inFlight)})`);
  });

  t.test(`${name}: a shard held by a lost worker is redelivered after AckWait`, async (t) => {
    const transport = await make(t, { ackWaitMs: 1000, maxDeliver: 3 });
    const sweep = startSweep(transport.queues, 6);
    const lost = await transport.source();
    const first = await lost.pull();
    t.equal(first?.deliveryCount, 1);
    const lostShard = first!.shard!.shard;
    const w = await startWorker(transport, synthetic, 1, 'survivor');
    const r = await sweep.result;
    await stop(w);
    lost.stopPulls();
    t.equal(r.stored, 3);
    t.same(sweep.store.stored.get(lostShard), { worker: 'survivor', attempts: 2, count: 1 }, 'its second delivery stored it');
  });

  t.test(`${name}: a failing shard backs off before its next delivery, then succeeds`, async (t) => {
    const transport = await make(t, { ackWaitMs: 5000, maxDeliver: 3 });
    const sweep = startSweep(transport.queues, 4);
    const tries: number[] = [];
    const runner: ShardRunner = async (task) => {
      if (task.shard === 1) {
        tries.push(Date.now());
        if (tries.length === 1) throw new InjectedShardError('first try fails');
      }
      return syntheticOutput(task);
    };
    const w = await startWorker(transport, runner, 2, 'retrier', { baseMs: 400 });
    const r = await sweep.result;
    await stop(w);
    t.equal(r.stored, 2);
    t.equal(tries.length, 2);
    t.ok(tries[1] - tries[0] >= 350, `redelivered after the backoff (${tries[1] - tries[0]} ms, backoff 400 ms)`);
    t.equal(sweep.store.stored.get(1)?.attempts, 2);
  });

  t.test(`${name}: a retryable error is tried MaxDeliver times, then recorded failed with its last error`, async (t) => {
    const transport = await make(t, { ackWaitMs: 5000, maxDeliver: 3 });
    const sweep = startSweep(transport.queues, 8);
    let tries = 0;
    const runner: ShardRunner = async (task) => {
      if (task.shard === 3) throw new InjectedShardError(`boom ${++tries}`);
      return syntheticOutput(task);
    };
    const w = await startWorker(transport, runner, 2, 'w', { baseMs: 50 });
    const r = await sweep.result;
    await stop(w);
    t.same(r, { stored: 3, failed: 1, protocolErrors: 0, finished: true });
    t.equal(tries, 3, 'MaxDeliver = 3 tries');
    t.same(sweep.store.failed.get(3), { name: 'InjectedShardError', message: 'boom 3', attempts: 3 });
  });

  t.test(`${name}: an unrecoverable error is recorded failed after one try`, async (t) => {
    const transport = await make(t, { ackWaitMs: 5000, maxDeliver: 5 });
    const sweep = startSweep(transport.queues, 8);
    let tries = 0;
    const runner: ShardRunner = async (task) => {
      if (task.shard === 2) {
        tries++;
        throw new InjectedShardError('bad parameter', false);
      }
      return syntheticOutput(task);
    };
    const w = await startWorker(transport, runner, 2, 'w');
    const r = await sweep.result;
    await stop(w);
    t.equal(r.failed, 1);
    t.equal(tries, 1, 'not retried');
    t.same(sweep.store.failed.get(2), { name: 'InjectedShardError', message: 'bad parameter', attempts: 1 });
  });

  t.test(`${name}: a shard whose workers die every time is dead-lettered after MaxDeliver`, async (t) => {
    const transport = await make(t, { ackWaitMs: 1000, maxDeliver: 2 });
    const sweep = startSweep(transport.queues, 2);
    let settled = false;
    void sweep.result.finally(() => (settled = true));
    const dying = await transport.source();
    let deliveries = 0;
    // Its pulls also let the server notice MaxDeliver (it checks when it next tries to deliver).
    for (let i = 0; i < 20 && !settled; i++) deliveries = (await pullAndDrop(dying)) ?? deliveries;
    const r = await sweep.result;
    dying.stopPulls();
    t.equal(deliveries, 2, 'delivered MaxDeliver = 2 times');
    t.equal(r.failed, 1);
    const failure = sweep.store.failed.get(0);
    t.equal(failure?.name, 'MaxDeliveriesExceeded');
    t.equal(failure?.attempts, 2);
    t.match(failure?.message, /no worker finished shard 0 in 2 deliveries/);
  });

  t.test(`${name}: duplicate results are stored once`, async (t) => {
    const transport = await make(t, { ackWaitMs: 5000, maxDeliver: 3 });
    const sweep = startSweep(transport.queues, 4);
    const source = await transport.source();
    for (let k = 0; k < 2; k++) {
      const d = await source.pull();
      const s = d!.shard!;
      const out = syntheticOutput(s);
      const message: ShardResultMessage = { ...out, sweepId: s.sweepId, specHash: s.specHash, workerId: 'twice', attempt: 1, runId: s.runId };
      // Two copies with different message ids: the broker's dedupe cannot catch them, the store must.
      await source.publishResult(message, `copy-a-${s.shard}`);
      await source.publishResult(message, `copy-b-${s.shard}`);
      await d!.ack();
    }
    const r = await sweep.result;
    t.equal(r.stored, 2);
    t.ok([...sweep.store.stored.values()].every((s) => s.count === 1), 'each shard once');
    t.ok(sweep.store.outcomes.filter((o) => o === 'stored').length === 2, 'two rows-writing commits, the copies dropped or duplicate');
  });

  t.test(`${name}: wrong results are protocol errors: removed, counted, the shard recomputed, the sweep goes on`, async (t) => {
    const transport = await make(t, { ackWaitMs: 5000, maxDeliver: 3 });
    const sweep = startSweep(transport.queues, 6);
    const source = await transport.source();
    const d = await source.pull();
    const s = d!.shard!;
    const good = { ...syntheticOutput(s), sweepId: s.sweepId, specHash: s.specHash, workerId: 'forger', attempt: 1, runId: s.runId };
    const firstRun = Object.fromEntries(STAT_NAMES.map((n) => [n, good.columns[n].subarray(0, 1)])) as Record<StatName, Float64Array>;
    const bad: ShardResultMessage[] = [
      { ...good, end: good.start + 1, columns: firstRun },
      { ...good, specHash: 'f'.repeat(64) },
      { ...good, shard: 999 },
      { ...good, trajectory: { points: 2, time: new Float64Array(4), acc: new Float64Array(4), piOpt: new Float64Array(4) } },
    ];
    // Columns shorter than the range: JetStream's decoder refuses them (proto.test.ts); in memory the coordinator does.
    if (name === 'memory') bad.push({ ...good, columns: { ...good.columns, acc0: good.columns.acc0.subarray(0, 1) } });
    for (const [i, m] of bad.entries()) await source.publishResult(m, `bad-${i}`);
    // A forged final failure with the wrong range must not mark the shard failed.
    await source.publishFailure(
      { sweepId: s.sweepId, shard: s.shard, start: s.start, end: s.end + 1, errorName: 'Forged', errorMessage: 'x', attempt: 9, workerId: 'forger', final: true, workSeq: 0, runId: s.runId },
      'forged-failure',
    );
    // The worker took the shard and acked it: only the coordinator can have it recomputed.
    await d!.ack();
    const w = await startWorker(transport, synthetic, 1, 'honest');
    const r = await sweep.result;
    await stop(w);
    t.equal(r.protocolErrors, bad.length + 1, 'each bad result and the forged failure counted');
    t.equal(r.stored, 3, 'the sweep finished, no shard failed');
    t.equal(r.failed, 0);
    t.equal(sweep.store.stored.get(s.shard)?.worker, 'honest', 'the forged shard was recomputed');
    t.match(sweep.protocolErrors.join('\n'), /covers \[0, 1\), expected \[0, 2\)/);
    t.match(sweep.protocolErrors.join('\n'), /is of spec f{64}/);
    if (name === 'memory') t.match(sweep.protocolErrors.join('\n'), /column acc0 has 1 values, expected 2/);
    t.match(sweep.protocolErrors.join('\n'), /unknown shard 999/);
    t.match(sweep.protocolErrors.join('\n'), /has trajectories; the spec keeps none/);
    t.match(sweep.protocolErrors.join('\n'), /failure report of shard 0 covers \[0, 3\), expected \[0, 2\)/);
  });
}
