/**
 * The bounded chaos run (issue 5): a 2000-shard sweep on one nats-server, one
 * coordinator and three worker processes, while a seeded schedule
 *   - SIGKILLs a worker three times (each restarted at once),
 *   - SIGKILLs the coordinator twice (each rerun with --resume, same folder),
 *   - stops the broker once and starts it again on the same port and store,
 *   - with network namespaces: cuts the link of the worker in its own
 *     namespace for 2-3 x AckWait, then restores it.
 * Then: the `runs` table equals a fault-free local run bit for bit, every idx
 * is there exactly once, and the shards computed more than once (started by
 * workers more than once, from their logs) are no more than the shards in
 * flight at the faults. The bound, per fault, with prefetch = 1 shard per
 * worker thread and one thread per worker:
 *   - worker killed: the shard it held (1), redone after AckWait;
 *   - link cut longer than AckWait: the shard the cut-off worker held (1);
 *   - broker restart: what every worker held (3), whose result or ack was lost;
 *   - coordinator killed: what the workers held when the new coordinator
 *     purged and re-enqueued (3); results already published are stored first.
 * A broker stopped with SIGKILL (CHAOS_BROKER_SIGNALS=SIGKILL) can also forget
 * its last acks; those finished shards are measured and added to the bound.
 *
 * Replay a run with CHAOS_SEED=<seed> (printed as a comment); CHAOS_ONLY=kind,kind
 * keeps only those kinds of fault, CHAOS_KEEP_LOGS=<dir> saves every process's
 * output there, CHAOS_NETNS=off runs without network namespaces (debugging).
 */
import { createServer } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { runLocalSweep } from '../../cli/local.js';
import { tableBits } from '../coordinator/sweeps.js';
import { createLinkedNamespaces, probeNetns, removeStaleNamespaces, type LinkedNamespaces, type NetnsSupport } from '../helpers/netns.js';
import { pollUntil } from '../helpers/processes.js';
import { ChaosCluster } from './cluster.js';
import { computeLedger, inFlightShards, parseLogLine, resurrectedShards, startedShards } from './ledger.js';
import { buildSchedule, describeFault, seededUniform, type Fault, type FaultKind } from './schedule.js';

const SEED = Number(process.env.CHAOS_SEED ?? 5_2026_1127);
/** 1000 grid points x 4 replicates = 4000 runs, 2 per shard. */
const POINTS = 1000;
const REPLICATES = 4;
const SHARD_SIZE = 2;
const TOTAL_SHARDS = (POINTS * REPLICATES) / SHARD_SIZE;
const ACK_WAIT_MS = 3000;
/** The coordinator's window of enqueued, unresolved shards. */
const MAX_IN_FLIGHT = 12;
/** Deliveries before a shard is dead-lettered: above what this schedule can cost one shard. */
const MAX_DELIVER = 8;
/** Shards a worker holds at once: --threads 1, one pull of one message per thread. */
const WORKER_PREFETCH = 1;
/** The remote worker is slowed so a link cut always catches a shard in flight. */
const REMOTE_SHARD_DELAY_MS = 1000;
/**
 * The other workers wait this long per shard: on a fast, idle machine the
 * sweep would otherwise end within the faults' recovery times (>= ~30 s here).
 */
const LOCAL_SHARD_DELAY_MS = 25;
/** Whole chaos phase, start to the coordinator's exit. */
const BUDGET_MS = 210_000;
const START_TIMEOUT_MS = 60_000;
/**
 * How the broker is stopped (a seeded pick among these). SIGINT by default:
 * after SIGKILL nats-server 2.9 forgets its last unflushed acks, so finished
 * shards come back and the recomputation is not bounded by what was in
 * flight; CHAOS_BROKER_SIGNALS=SIGKILL runs that case (the bound then adds
 * the measured resurrected shards).
 */
const BROKER_SIGNALS = (process.env.CHAOS_BROKER_SIGNALS ?? 'SIGINT')
  .split(',')
  .filter((s): s is 'SIGINT' | 'SIGKILL' => s === 'SIGINT' || s === 'SIGKILL');
const NS_PREFIX = 'ps-chaos-';

/** RLIF self-certainty with p(r) ~ Uniform[0, 1] per replicate (docs/model.md §4): replicates differ. Tiny Euler runs. */
function specYaml(): string {
  return [
    'name: chaos',
    `seed: ${SEED % 2 ** 32}`,
    `replicates: ${REPLICATES}`,
    'backend: js',
    'model:',
    '  patterns: 4',
    '  successRate: { uniform: [0, 1] }',
    '  initialPattern: uniform',
    'reward: self-certainty',
    'algorithm: { rule: euler, stepSize: 0.1 }',
    'horizon: { tMax: 10, maxSteps: 100 }',
    'epsilon: 0.01',
    'grid:',
    `  beta: { linspace: [0, 1, ${POINTS}] }`,
    `shardSize: ${SHARD_SIZE}`,
    'keep: { trajectories: 0, statistics: all }',
    '',
  ].join('\n');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** CHAOS_ONLY=kill-worker,cut-link runs only those kinds of fault (for debugging one kind). */
const ONLY = new Set((process.env.CHAOS_ONLY ?? '').split(',').filter((k) => k !== ''));
const only = (kind: FaultKind, count: number): number => (ONLY.size === 0 || ONLY.has(kind) ? count : 0);

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

interface FaultRecord {
  readonly fault: Fault;
  readonly storedAt: number;
  /** Shards that can be recomputed because of this fault: what was in flight at the workers (prefetch x workers). */
  bound: number;
  /** Shards the logs show in flight at the fault (informational). */
  readonly measuredInFlight: number;
  readonly note: string;
  /** Broker restarts: when it went down and came back (for resurrectedShards). */
  readonly outage?: { readonly downAt: number; readonly upAt: number; readonly signal: NodeJS.Signals };
}

t.test('chaos: worker, coordinator and broker faults and a link cut lose nothing and duplicate nothing', async (t) => {
  const began = Date.now();
  const deadline = began + BUDGET_MS;
  const remaining = (): number => Math.max(1000, deadline - Date.now());
  t.comment(`CHAOS_SEED=${SEED}`);

  const support: NetnsSupport =
    process.env.CHAOS_NETNS === 'off' ? { available: false, reason: 'disabled by CHAOS_NETNS=off' } : await probeNetns();
  let netns: LinkedNamespaces | null = null;
  if (support.available) {
    const stale = await removeStaleNamespaces(NS_PREFIX);
    if (stale.removed.length > 0) t.comment(`removed stale namespaces: ${stale.removed.join(', ')}`);
    netns = await createLinkedNamespaces(t, { prefix: NS_PREFIX, subnet: Math.floor(seededUniform(SEED)() * 256) });
    t.comment(`namespaces ${netns.hub} (broker, coordinator, w1, w2) and ${netns.leaf} (w3) over ${netns.hubAddress} <-> ${netns.leafAddress}`);
  }

  const dir = await mkdtemp(join(tmpdir(), 'patternsweep-chaos-'));
  const specPath = join(dir, 'spec.yaml');
  await writeFile(specPath, specYaml());
  const brokerStoreDir = join(dir, 'nats');
  await mkdir(brokerStoreDir);

  // The fault-free reference, computed alongside (the cluster often waits on AckWait and restarts).
  const referenceDir = join(dir, 'local');
  const stopReference = new AbortController();
  const reference = runLocalSweep({ sweep: specPath, outDir: referenceDir, threads: 1, progress: 'none', signal: stopReference.signal });
  // Surfaced at the end; keeps an early failure from being an unhandled rejection meanwhile.
  reference.catch(() => undefined);

  const workers = [
    { name: 'w1', remote: false, kernel: { name: 'delay' as const, options: { delayMs: LOCAL_SHARD_DELAY_MS } } },
    { name: 'w2', remote: false, kernel: { name: 'delay' as const, options: { delayMs: LOCAL_SHARD_DELAY_MS } } },
    netns === null
      ? { name: 'w3', remote: false, kernel: { name: 'delay' as const, options: { delayMs: LOCAL_SHARD_DELAY_MS } } }
      : { name: 'w3', remote: true, kernel: { name: 'delay' as const, options: { delayMs: REMOTE_SHARD_DELAY_MS } } },
  ];
  const cluster = new ChaosCluster(t, {
    specPath,
    outDir: join(dir, 'cluster'),
    brokerStoreDir,
    // A namespace has its own ports: the standard one is free there.
    port: netns === null ? await freePort() : 4222,
    netns,
    ackWaitMs: ACK_WAIT_MS,
    maxInFlight: MAX_IN_FLIGHT,
    maxDeliver: MAX_DELIVER,
    workers,
    startTimeoutMs: START_TIMEOUT_MS,
  });

  // One ordered cleanup, also when the test fails: processes, then namespaces, then files.
  t.teardown(async () => {
    stopReference.abort();
    const all = [...cluster.coordinators, ...cluster.workerProcesses, ...cluster.brokers];
    await Promise.all(all.map((p) => p.stop('SIGKILL', 5000)));
    await netns?.destroy();
    await reference.catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  const schedule = buildSchedule({
    seed: SEED,
    totalShards: TOTAL_SHARDS,
    workers: workers.map((w) => w.name),
    workerKills: only('kill-worker', 3),
    coordinatorKills: only('kill-coordinator', 2),
    brokerRestarts: only('restart-broker', 1),
    linkCuts: netns === null ? 0 : only('cut-link', 1),
    cutWorker: 'w3',
    brokerSignals: BROKER_SIGNALS,
  });
  for (const f of schedule) t.comment(`fault: ${describeFault(f)}`);
  if (!support.available) t.pass('link cut of a worker in its own network namespace', { skip: support.reason });

  const keepLogs = process.env.CHAOS_KEEP_LOGS;
  if (keepLogs !== undefined && keepLogs !== '') {
    // Debugging: every process's output, one file each, also when the run fails.
    t.teardown(async () => {
      await mkdir(keepLogs, { recursive: true });
      const all = [...cluster.brokers, ...cluster.coordinators, ...cluster.workerProcesses];
      await Promise.all(all.map((p) => writeFile(join(keepLogs, `${p.name.replace('#', '-')}.log`), p.lines().join('\n'))));
    });
  }
  await cluster.startBroker();
  const started = workers.map((w) => cluster.startWorker(w.name));
  await Promise.all(started.map((w) => cluster.workerReady(w)));
  t.equal(await cluster.coordinatorStarted(cluster.startCoordinator(false)), 0, 'the first coordinator starts an empty store');

  const records: FaultRecord[] = [];
  for (const fault of schedule) {
    const storedAt = await cluster.waitStored(fault.at, remaining());
    const firedAt = Date.now();
    switch (fault.kind) {
      case 'kill-worker': {
        const victim = await cluster.killWorker(fault.worker);
        // After the exit every line the worker wrote has been read (its pipes closed).
        const inFlight = inFlightShards(victim.lines(), WORKER_PREFETCH).size;
        const next = cluster.startWorker(fault.worker);
        await cluster.workerReady(next);
        records.push({ fault, storedAt, bound: WORKER_PREFETCH, measuredInFlight: inFlight, note: `${victim.name} held ${inFlight}` });
        break;
      }
      case 'kill-coordinator': {
        const { storedBefore } = await cluster.killCoordinator();
        const resumed = cluster.startCoordinator(true);
        const from = await cluster.coordinatorStarted(resumed);
        t.ok(from >= storedBefore, `resumed coordinator starts from ${from} stored shards (>= ${storedBefore} reported before the kill)`);
        const alive = [...cluster.workers.values()];
        const inFlight = alive.reduce((n, w) => n + inFlightShards(w.lines(), WORKER_PREFETCH).size, 0);
        // Results published while no coordinator stored them are stored by the
        // resumed one before it enqueues anything, so only shards the workers
        // held when it purged and re-enqueued can run twice.
        records.push({ fault, storedAt, bound: alive.length * WORKER_PREFETCH, measuredInFlight: inFlight, note: `resumed from ${from}` });
        break;
      }
      case 'restart-broker': {
        const alive = [...cluster.workers.values()];
        const inFlight = alive.reduce((n, w) => n + inFlightShards(w.lines(), WORKER_PREFETCH).size, 0);
        const { downAt, upAt } = await cluster.restartBroker(fault.signal);
        // Everyone reconnects: the coordinator stores again and every worker takes new shards.
        await cluster.waitStored(Math.min(TOTAL_SHARDS, cluster.stored + 20), remaining());
        await pollUntil(
          () => (alive.every((w) => !w.running || startedShards(w.lines(), upAt).length > 0) ? true : undefined),
          Math.min(remaining(), 60_000),
          'every worker taking shards after the broker restart',
        );
        t.ok(
          alive.every((w) => startedShards(w.lines(), upAt).length > 0),
          `after the broker restart (down ${upAt - downAt} ms) every worker reconnected and took shards`,
        );
        records.push({
          fault,
          storedAt,
          bound: alive.length * WORKER_PREFETCH,
          measuredInFlight: inFlight,
          note: `down ${upAt - downAt} ms`,
          outage: { downAt, upAt, signal: fault.signal },
        });
        break;
      }
      case 'cut-link': {
        const remote = cluster.workers.get(fault.worker)!;
        const line = await remote.waitForLine(/"msg":"shard started"/, remaining(), 'a shard started on the remote worker', true);
        await netns!.cut();
        const cutAt = Date.now();
        const held = parseLogLine(line)!.shard!;
        const others = (): boolean =>
          [...cluster.workerProcesses].some((w) => w !== remote && startedShards(w.lines(), cutAt).includes(held));
        // Longer than AckWait, and until another worker has taken the held shard.
        await pollUntil(
          () => (Date.now() - cutAt >= fault.downAckWaits * ACK_WAIT_MS && others() ? true : undefined),
          Math.min(remaining(), 8 * ACK_WAIT_MS + 30_000),
          `shard ${held} of the cut-off worker redone elsewhere`,
        );
        await netns!.restore();
        const restoredAt = Date.now();
        t.ok(others(), `link cut ${restoredAt - cutAt} ms (AckWait ${ACK_WAIT_MS} ms): shard ${held} was redone by another worker`);
        // The cut-off worker comes back: it takes new shards after the link is restored.
        await pollUntil(
          () => (startedShards(remote.lines(), restoredAt).some((s) => s !== held) ? true : undefined),
          Math.min(remaining(), 60_000),
          `${remote.name} taking shards after the link came back`,
        );
        const late = remote
          .lines()
          .map(parseLogLine)
          .filter((l) => l !== null && l.time >= cutAt && (l.shard === held || /failed/.test(l.msg)))
          .map((l) => l!.msg);
        records.push({ fault, storedAt, bound: WORKER_PREFETCH, measuredInFlight: 1, note: `held shard ${held}; afterwards: ${late.join(', ') || '-'}` });
        break;
      }
    }
    t.comment(
      `[+${seconds(firedAt - began)}] ${describeFault(fault)}: stored ${storedAt} when fired, recovered in ${seconds(Date.now() - firedAt)}; ${records.at(-1)!.note}`,
    );
  }

  const final = cluster.coordinator!;
  const exit = await Promise.race([
    final.exited,
    new Promise<null>((resolve) => setTimeout(resolve, remaining(), null).unref()),
  ]);
  t.ok(exit !== null, `the last coordinator finished within the budget (stored ${cluster.stored}/${TOTAL_SHARDS})`);
  t.equal(exit?.code, 0, exit?.code === 0 ? 'it exits 0' : `it failed:\n${final.tail(40)}`);
  t.ok(
    final.lines().some((l) => l.startsWith(`done: ${POINTS * REPLICATES} runs, ${TOTAL_SHARDS}/${TOTAL_SHARDS} shards stored, 0 failed`)),
    'it reports every shard stored, none failed',
  );
  const chaosMs = Date.now() - began;

  // Workers drain and exit 0 on SIGTERM; the broker stops.
  const stops = await Promise.all([...cluster.workers.values()].map((w) => w.stop('SIGTERM', 15_000)));
  t.same(stops.map((s) => s.code), stops.map(() => 0), 'every worker exits 0 on SIGTERM');
  await cluster.broker?.stop('SIGINT', 10_000);

  await reference;
  const clusterDb = join(cluster.o.outDir, 'sweep.duckdb');
  const localDb = join(referenceDir, 'sweep.duckdb');
  const idx = await tableBits(clusterDb, 'SELECT count(*), count(DISTINCT idx), min(idx), max(idx) FROM runs');
  const n = POINTS * REPLICATES;
  t.same(idx.rows, [[`bigint:${n}`, `bigint:${n}`, 'bigint:0', `bigint:${n - 1}`]], 'zero duplicate and zero missing idx');
  const shards = await tableBits(clusterDb, `SELECT count(*), count(*) FILTER (WHERE status = 'done') FROM shards`);
  t.same(shards.rows, [[`bigint:${TOTAL_SHARDS}`, `bigint:${TOTAL_SHARDS}`]], 'every shard recorded done once');
  for (const table of ['runs', 'summary']) {
    const order = table === 'runs' ? 'idx' : 'point, statistic, kind';
    const [a, b] = await Promise.all([
      tableBits(clusterDb, `SELECT * FROM ${table} ORDER BY ${order}`),
      tableBits(localDb, `SELECT * FROM ${table} ORDER BY ${order}`),
    ]);
    t.same(a.columns, b.columns, `${table}: same columns as the local run`);
    const firstDiff = a.rows.findIndex((row, i) => row.join('|') !== b.rows[i]?.join('|'));
    t.ok(
      a.rows.length === b.rows.length && firstDiff === -1,
      firstDiff === -1 ? `${table}: bit-identical to the fault-free local run (${a.rows.length} rows)` : `${table}: row ${firstDiff} differs: ${a.rows[firstDiff]?.join(' ')} vs ${b.rows[firstDiff]?.join(' ')}`,
    );
  }

  // Recomputation: shards started more than once, from every worker process's log.
  const logs = cluster.workerProcesses.map((w) => w.lines());
  const ledger = computeLedger(logs);
  for (const r of records) {
    if (r.outage === undefined) continue;
    const resurrected = resurrectedShards(logs, r.outage.downAt, r.outage.upAt);
    if (r.outage.signal === 'SIGINT') {
      t.same(resurrected, [], 'a broker stopped cleanly forgets no acks: no finished shard is delivered again');
    } else {
      // SIGKILL: nats-server loses its last unflushed acks; those shards come
      // back as first deliveries and are recomputed (and ignored by the store).
      t.comment(`broker SIGKILL: ${resurrected.length} finished shards delivered again (lost acks): ${resurrected.join(', ')}`);
      r.bound += resurrected.length;
    }
  }
  const bound = records.reduce((s, r) => s + r.bound, 0);
  const measured = records.reduce((s, r) => s + r.measuredInFlight, 0);
  t.equal(ledger.starts.size, TOTAL_SHARDS, 'every shard was started by some worker');
  t.comment(
    `recomputed shards: ${ledger.recomputed} (extra starts ${ledger.extraStarts}); bound ${bound} = ` +
      records.map((r) => `${r.fault.kind} ${r.bound}`).join(' + ') +
      `; in flight per the logs at the faults: ${measured}; chaos phase ${Math.round(chaosMs / 1000)} s, ` +
      `${cluster.workerProcesses.length} worker and ${cluster.coordinators.length} coordinator processes`,
  );
  t.ok(ledger.recomputed <= bound, `recomputed shards (${ledger.recomputed}) <= shards in flight at the faults (${bound})`);
});
