/**
 * `patternsweep worker --nats URL [--threads N]`: serve shards of any sweep
 * from the cluster work queue until SIGTERM/SIGINT, then drain and exit 0.
 */
import { Option, type Command } from 'commander';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectNats, JetStreamWorkSource, redactServers, resolveNatsConnection, workQueueSettingsFromEnv } from '../../queue/jetstream/index.js';
import { ShardPool, startHealthServer, WorkerLoop, WORKER_LOOP_DEFAULTS, type HealthServer, type ShardRunner } from '../../worker/index.js';
import { EXIT, type CommandInvocation, type CommandModule } from '../command.js';
import { reportCommandError } from '../errors.js';
import { createLogger } from '../log.js';
import { addNatsOptions, type NatsCliOptions } from '../nats-options.js';
import { parseBindHost, parsePort, parseThreads, type LogLevel } from '../options.js';
import { HTTP_ENDPOINT_DEFAULTS } from '../../queue/index.js';
import { VERSION } from '../version.js';
import { natsConnectionInput, namespaceOf, parseMillis } from './nats-input.js';

interface WorkerCliOptions extends NatsCliOptions {
  readonly threads?: number;
  readonly namespace?: string;
  readonly drainMs?: number;
  readonly heartbeatMs?: number;
  readonly workerId?: string;
  readonly healthPort?: number;
  readonly healthHost?: string;
  readonly logLevel: LogLevel;
}

/** Makes the shard runner from the process's pool. Production: the pool itself; tests pass a fixture kernel (test/fixtures/). */
export type RunnerFactory = (pool: ShardPool) => ShardRunner | Promise<ShardRunner>;

const poolRunner: RunnerFactory = (pool) => (task, signal) => pool.run(task, signal);

export const workerCommand: CommandModule = workerCommandWith(poolRunner);

/** The `worker` command with a given runner (the test-only entry test/fixtures/worker-entry.ts uses this). */
export function workerCommandWith(makeRunner: RunnerFactory): CommandModule {
  return {
  name: 'worker',
  define(program: Command): Command {
    const command = program
      .command('worker')
      .description('compute shards from the NATS work queue (any number of workers, any sweep); SIGTERM drains and exits 0')
      .option('--threads <n>', 'shards computed at once (default: all cores)', parseThreads)
      .addOption(new Option('--namespace <ns>', 'JetStream namespace (streams/buckets prefix)').env('PATTERNSWEEP_NATS_NAMESPACE'))
      .addOption(
        new Option('--drain-ms <ms>', `on SIGTERM, time in-flight shards get before they are handed back (default ${WORKER_LOOP_DEFAULTS.drainMs})`).argParser(parseMillis),
      )
      .addOption(new Option('--heartbeat-ms <ms>', `heartbeat period (default ${WORKER_LOOP_DEFAULTS.heartbeatMs})`).argParser(parseMillis))
      .option('--worker-id <id>', 'worker id in heartbeats and results (default: host-pid-random)')
      .addOption(
        new Option('--health-port <port>', 'serve GET /healthz (alive) and /readyz (connected and taking shards) on this port')
          .env('PATTERNSWEEP_HEALTH_PORT')
          .argParser(parsePort),
      )
      .addOption(
        new Option('--health-host <address>', `address the health endpoint binds (0.0.0.0: every interface, e.g. in a pod) (default ${HTTP_ENDPOINT_DEFAULTS.host})`)
          .env('PATTERNSWEEP_HEALTH_HOST')
          .argParser(parseBindHost),
      );
    return addNatsOptions(command, { required: true });
  },
  async execute(invocation: CommandInvocation): Promise<number> {
    const options = invocation.options as unknown as WorkerCliOptions;
    const logger = createLogger(options.logLevel);
    let nc: NatsConnection | undefined;
    let pool: ShardPool | undefined;
    let worker: WorkerLoop | undefined;
    let health: HealthServer | undefined;
    let stopRequested = false;
    let exitWhenDone = false;
    let wakeStop!: () => void;
    // Start-up steps race this, so a SIGTERM while waiting for a broker exits at once (issue 13, point 9).
    const stopped = new Promise<null>((resolve) => (wakeStop = () => resolve(null)));
    let connected = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      logger.info({ signal }, 'stopping: draining in-flight shards');
      stopRequested = true;
      wakeStop();
      worker?.stop();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      if (options.healthPort !== undefined) {
        health = await startHealthServer(options.healthPort, () => {
          if (stopRequested) return 'draining';
          if (!connected) return 'not connected to NATS';
          return worker === undefined ? 'starting' : null;
        }, options.healthHost);
        logger.info({ host: options.healthHost ?? HTTP_ENDPOINT_DEFAULTS.host, port: health.port }, 'health endpoints: /healthz, /readyz');
      }
      const connection = resolveNatsConnection({ ...natsConnectionInput(options), name: 'patternsweep-worker' });
      // Wait for a broker that is not up yet (a worker may start first); auth
      // errors still fail fast.
      // A SIGTERM during start-up (issue 13, point 9): nothing taken yet, so nothing to drain.
      if (stopRequested) return EXIT.ok;
      const connecting = connectNats(connection, { waitOnFirstConnect: true });
      const first = await Promise.race([connecting, stopped]);
      if (first === null) {
        // Stopped before the broker answered. nats.js cannot cancel a pending
        // first connect (its reconnect timers would keep the process alive), so
        // this is the one place the worker ends the process itself, once the
        // finally block below has closed the health server.
        void connecting.then((late) => late.close(), () => undefined);
        exitWhenDone = true;
        return EXIT.ok;
      }
      nc = first;
      logger.info({ nats: redactServers(connection.servers) }, 'connected to NATS');
      connected = true;
      void trackConnection(nc, (up) => (connected = up));
      if (stopRequested) return EXIT.ok;
      const source = await Promise.race([
        JetStreamWorkSource.open({ connection: nc, namespace: namespaceOf(options), settings: workQueueSettingsFromEnv() }),
        stopped,
      ]);
      if (source === null) return EXIT.ok;
      pool = new ShardPool({ threads: options.threads });
      worker = new WorkerLoop({
        source,
        runShard: await makeRunner(pool),
        threads: pool.threads,
        logger,
        workerId: options.workerId,
        version: VERSION,
        drainMs: options.drainMs,
        heartbeatMs: options.heartbeatMs,
      });
      if (stopRequested) worker.stop();
      // A connection closed for good (drained, reconnects spent) ends the worker.
      const closed = nc.closed();
      const lost: { error: Error | null } = { error: null };
      void closed.then((error) => {
        if (!stopRequested) lost.error = new Error(`NATS connection closed${error ? `: ${error.message}` : ''}`);
        worker?.stop();
      });
      await worker.run();
      if (lost.error !== null) throw lost.error;
      return EXIT.ok;
    } catch (error) {
      return reportCommandError(error, logger);
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await health?.close().catch(() => undefined);
      if (exitWhenDone) setImmediate(() => process.exit(EXIT.ok));
      await pool?.close().catch(() => undefined);
      if (nc !== undefined && !nc.isClosed()) {
        // Drain flushes pending acks; bounded, since a broker that is down
        // would make it wait forever. close() then ends reconnecting.
        const conn = nc;
        await Promise.race([conn.drain().catch(() => undefined), new Promise((r) => setTimeout(r, 5000).unref())]);
        if (!conn.isClosed()) await conn.close().catch(() => undefined);
      }
    }
  },
  };
}

/** Follows the client's status events, so readiness drops while reconnecting. Ends when the connection closes. */
async function trackConnection(nc: NatsConnection, onChange: (connected: boolean) => void): Promise<void> {
  for await (const status of nc.status()) {
    if (status.type === 'disconnect') onChange(false);
    else if (status.type === 'reconnect') onChange(true);
  }
}
