/**
 * `patternsweep worker --nats URL [--threads N]`: serve shards of any sweep
 * from the cluster work queue until SIGTERM/SIGINT, then drain and exit 0.
 */
import { Option, type Command } from 'commander';
import type { NatsConnection } from '@nats-io/transport-node';
import { ShardPool } from '../../worker/pool.js';
import { ClusterWorker, CLUSTER_WORKER_DEFAULTS } from '../../worker/nats/worker.js';
import { connectNats, redactServers, resolveNatsConnection } from '../../worker/nats/connection.js';
import { faultInjectingRunner } from '../../worker/nats/test-faults.js';
import { startHealthServer, type HealthServer } from '../../worker/nats/health-server.js';
import { workQueueSettingsFromEnv } from '../../worker/nats/topology.js';
import { EXIT, type CommandInvocation, type CommandModule } from '../command.js';
import { reportCommandError } from '../errors.js';
import { createLogger } from '../log.js';
import { addNatsOptions, type NatsCliOptions } from '../nats-options.js';
import { parseBindHost, parsePort, parseThreads, type LogLevel } from '../options.js';
import { HTTP_ENDPOINT_DEFAULTS } from '../../worker/nats/http-endpoint.js';
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

export const workerCommand: CommandModule = {
  name: 'worker',
  define(program: Command): Command {
    const command = program
      .command('worker')
      .description('compute shards from the NATS work queue (any number of workers, any sweep); SIGTERM drains and exits 0')
      .option('--threads <n>', 'shards computed at once (default: all cores)', parseThreads)
      .addOption(new Option('--namespace <ns>', 'JetStream namespace (streams/buckets prefix)').env('PATTERNSWEEP_NATS_NAMESPACE'))
      .addOption(
        new Option('--drain-ms <ms>', `on SIGTERM, time in-flight shards get before they are handed back (default ${CLUSTER_WORKER_DEFAULTS.drainMs})`).argParser(parseMillis),
      )
      .addOption(new Option('--heartbeat-ms <ms>', `heartbeat period (default ${CLUSTER_WORKER_DEFAULTS.heartbeatMs})`).argParser(parseMillis))
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
    let worker: ClusterWorker | undefined;
    let health: HealthServer | undefined;
    let stopRequested = false;
    let connected = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      logger.info({ signal }, 'stopping: draining in-flight shards');
      stopRequested = true;
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
      nc = await connectNats(connection, { waitOnFirstConnect: true });
      logger.info({ nats: redactServers(connection.servers) }, 'connected to NATS');
      connected = true;
      void trackConnection(nc, (up) => (connected = up));
      pool = new ShardPool({ threads: options.threads });
      const runner = faultInjectingRunner((task, signal) => pool!.run(task, signal));
      worker = new ClusterWorker({
        connection: nc,
        runShard: runner,
        threads: pool.threads,
        logger,
        namespace: namespaceOf(options),
        workerId: options.workerId,
        version: VERSION,
        drainMs: options.drainMs,
        heartbeatMs: options.heartbeatMs,
        ...workQueueSettingsFromEnv(),
      });
      if (stopRequested) worker.stop();
      const closed = nc.closed();
      await Promise.race([
        worker.run(),
        closed.then((error) => {
          throw new Error(`NATS connection closed${error ? `: ${error.message}` : ''}`);
        }),
      ]);
      return EXIT.ok;
    } catch (error) {
      return reportCommandError(error, logger);
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await health?.close().catch(() => undefined);
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

/** Follows the client's status events, so readiness drops while reconnecting. Ends when the connection closes. */
async function trackConnection(nc: NatsConnection, onChange: (connected: boolean) => void): Promise<void> {
  for await (const status of nc.status()) {
    if (status.type === 'disconnect') onChange(false);
    else if (status.type === 'reconnect') onChange(true);
  }
}
