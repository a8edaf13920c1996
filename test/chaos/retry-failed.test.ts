/**
 * Dead letters and `patternsweep retry-failed DIR --nats URL`, end to end with
 * child processes and a private nats-server:
 * - shard 1 always throws (the `throws` fixture kernel): recorded
 *   failed with its error after MaxDeliver tries;
 * - shard 4 kills its worker every time (SIGKILL while it runs, no failure
 *   report): dead-lettered from the server's MAX_DELIVERIES advisory;
 * - the sweep still finishes (exit 3), no dead message stays in the stream;
 * - retry-failed, with a healthy worker, computes exactly those two shards and
 *   the runs table then equals a local run bit for bit; a second retry-failed
 *   has nothing to do.
 */
import { join } from 'node:path';
import t from 'tap';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { runLocalSweep } from '../../cli/local.js';
import { clusterNames } from '../../queue/jetstream/index.js';
import { tempDir } from '../coordinator/fixtures.js';
import { tableBits, writeTestSpec } from '../coordinator/sweeps.js';
import { startNatsServer, uniqueNamespace } from '../helpers/nats-server.js';
import { cliCommand, fixtureWorkerCommand, spawnManaged, type KernelChoice, type ManagedProcess, type Teardown } from '../helpers/processes.js';
import { startedShards } from './ledger.js';

const THROWS = 1;
const KILLS = 4;
const MAX_DELIVER = 2;
const START_MS = 60_000;

t.test('failed and dead-lettered shards are recorded, and retry-failed computes only them', async (t) => {
  const server = await startNatsServer(t);
  const namespace = uniqueNamespace('rf');
  const dir = await tempDir(t, 'patternsweep-retry-');
  // 2 x 2 grid x 3 replicates = 12 runs in 6 shards of 2.
  const spec = await writeTestSpec(dir, 'spec.yaml', { name: 'retry-dead', replicates: 3, shardSize: 2 });
  const out = join(dir, 'cluster');
  const env: NodeJS.ProcessEnv = {
    CI: '1',
    PATTERNSWEEP_NATS_NAMESPACE: namespace,
    PATTERNSWEEP_NATS_MAX_DELIVER: String(MAX_DELIVER),
    PATTERNSWEEP_NATS_ACK_WAIT_MS: '1000',
    PATTERNSWEEP_LOG_LEVEL: 'debug',
  };
  let generation = 0;
  const worker = (tt: Teardown, name: string, kernels: readonly KernelChoice[]): ManagedProcess => {
    const { command, args } = fixtureWorkerCommand(kernels, ['--nats', server.url, '--threads', '1', '--worker-id', `${name}-${++generation}`]);
    return spawnManaged(tt, { name: `${name}#${generation}`, command, args, env });
  };
  const cli = (name: string, args: string[]): ManagedProcess => {
    const c = cliCommand(args);
    return spawnManaged(t, { name, command: c.command, args: c.args, env: { ...env, PATTERNSWEEP_LOG_LEVEL: 'warn' } });
  };
  // Shard 1 throws; shard 4 "hangs" so the test can kill the worker inside it.
  const brokenKernels: KernelChoice[] = [
    { name: 'throws', options: { shards: [THROWS] } },
    { name: 'delay', options: { delayMs: { [KILLS]: 600_000 } } },
  ];

  let broken = worker(t, 'broken', brokenKernels);
  await broken.waitForLine(/"msg":"worker ready"/, START_MS, 'worker ready');
  const run = cli('run', ['run', spec, '--out', out, '--nats', server.url, '--progress', 'none']);
  const killedIn = new RegExp(`"shard":${KILLS},[^\\n]*"msg":"shard started"`);
  for (let delivery = 1; delivery <= MAX_DELIVER; delivery++) {
    await broken.waitForLine(killedIn, START_MS, `shard ${KILLS} started (delivery ${delivery})`);
    await broken.stop('SIGKILL');
    broken = worker(t, 'broken', brokenKernels);
    await broken.waitForLine(/"msg":"worker ready"/, START_MS, 'worker ready');
  }
  // The restarted worker pulls; the server then sees shard 4 at MaxDeliver and sends the advisory.
  const ran = await Promise.race([run.exited, new Promise<null>((r) => setTimeout(r, 90_000, null).unref())]);
  t.equal(ran?.code, 3, ran?.code === 3 ? 'the sweep finishes with failed shards (exit 3)' : `run failed:\n${run.tail(20)}`);
  t.ok(run.lines().some((l) => l.includes('4/6 shards stored, 2 failed')), 'it says 4/6 stored, 2 failed');

  const db = join(out, 'sweep.duckdb');
  const failed = await tableBits(db, `SELECT shard, attempts, error FROM shards WHERE status = 'failed' ORDER BY shard`);
  t.equal(failed.rows.length, 2, 'two shards recorded failed');
  t.match(failed.rows[0]?.[2], /InjectedShardError: shard 1: failure injected/, 'the throwing shard keeps its last error');
  t.match(failed.rows[1]?.[2], /MaxDeliveriesExceeded: no worker finished shard 4 in 2 deliveries/, 'the worker-killing shard is dead-lettered');

  const nc = await connect({ servers: server.url });
  t.teardown(() => nc.close());
  const jsm = await jetstreamManager(nc);
  t.equal((await jsm.streams.info(clusterNames(namespace).workStream)).state.messages, 0, 'no dead work message is left in the stream');
  t.equal((await broken.stop('SIGTERM')).code, 0, 'the broken worker drains and exits 0');

  const healthy = worker(t, 'healthy', []);
  await healthy.waitForLine(/"msg":"worker ready"/, START_MS, 'worker ready');
  const retry = cli('retry-failed', ['retry-failed', out, '--nats', server.url]);
  const retried = await Promise.race([retry.exited, new Promise<null>((r) => setTimeout(r, 60_000, null).unref())]);
  t.equal(retried?.code, 0, retried?.code === 0 ? 'retry-failed exits 0' : `retry-failed failed:\n${retry.tail(20)}`);
  t.ok(retry.lines().some((l) => l.startsWith('retrying 2 failed shard(s)')), 'it says what it retries');
  t.ok(retry.lines().some((l) => l.startsWith('done: 6/6 shards stored, 0 failed again')), 'every shard is stored now');
  t.same(startedShards(healthy.lines()).sort(), [THROWS, KILLS], 'only the failed shards were computed again');

  const again = cli('retry-failed-again', ['retry-failed', out, '--nats', server.url]);
  t.equal((await again.exited).code, 0, 'a second retry-failed exits 0');
  t.ok(again.lines().some((l) => l.startsWith('no failed shards in')), 'a second retry-failed has nothing to do');
  t.equal((await healthy.stop('SIGTERM')).code, 0, 'the healthy worker drains and exits 0');

  const local = join(dir, 'local');
  await runLocalSweep({ sweep: spec, outDir: local, threads: 1, progress: 'none' });
  const sql = 'SELECT * FROM runs ORDER BY idx';
  const [a, b] = await Promise.all([tableBits(db, sql), tableBits(join(local, 'sweep.duckdb'), sql)]);
  t.equal(a.rows.length, 12, 'every run once');
  t.same(a, b, 'the runs table equals a local run bit for bit');
  const shards = await tableBits(db, `SELECT count(*), count(DISTINCT shard) FILTER (WHERE status = 'done') FROM shards`);
  t.same(shards.rows, [['bigint:6', 'bigint:6']], 'six shards, all done, each once');
});
