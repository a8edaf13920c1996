/**
 * `run --nats URL`: the cluster transport of runSweep. Connects, builds the
 * JetStream sweep queues (queue/jetstream/), keeps /metrics and /status
 * (optional) and the progress bucket (`patternsweep status`) up to date from
 * the coordinator loop's observer, and closes all of it in close().
 */
import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { encodeProgress } from '../../proto/index.js';
import {
  clusterNames,
  connectNats,
  JetStreamSweepQueues,
  openBucket,
  redactServers,
  resolveNatsConnection,
  workQueueSettingsFromEnv,
  type NatsConnectionInput,
} from '../../queue/jetstream/index.js';
import type { SweepObserver } from '../coordinate.js';
import type { RunSweepOptions } from '../sweep-run.js';
import { HTTP_ENDPOINT_DEFAULTS } from '../../queue/index.js';
import { SweepMetrics } from './metrics.js';
import { startStatusServer, type StatusServer } from './status-server.js';

export interface ClusterTransportOptions extends NatsConnectionInput {
  logger: Logger;
  /** @default PATTERNSWEEP_NATS_NAMESPACE or 'psweep' */
  namespace?: string;
  /** Serve /metrics and /status here (0 = any free port). @default PATTERNSWEEP_METRICS_PORT or off */
  metricsPort?: number;
  /** Address the metrics endpoint binds. @default PATTERNSWEEP_METRICS_HOST or 127.0.0.1 */
  metricsHost?: string;
  /** @default PATTERNSWEEP_NATS_MAX_IN_FLIGHT or 256 */
  maxInFlight?: number;
  ackWaitMs?: number;
  maxDeliver?: number;
  /** How often progress goes to the progress bucket. @default 1000 */
  progressIntervalMs?: number;
  /** An open connection to use instead of connecting (tests); not closed by close(). */
  connection?: NatsConnection;
}

export const CLUSTER_TRANSPORT_DEFAULTS = Object.freeze({ progressIntervalMs: 1000 });

/** What runSweep takes from a transport: the queues and the hooks that keep metrics and progress. */
export type TransportHooks = Pick<RunSweepOptions, 'queues' | 'observer' | 'onStart' | 'maxInFlight'>;

export interface ClusterTransport extends TransportHooks {
  readonly metrics: SweepMetrics;
  readonly server: StatusServer | null;
  readonly connection: NatsConnection;
  close(): Promise<void>;
}

function envNumber(env: NodeJS.ProcessEnv, key: string): number | undefined {
  const raw = env[key];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${key}: "${raw}" is not a non-negative integer`);
  return n;
}

export async function openClusterTransport(options: ClusterTransportOptions, env: NodeJS.ProcessEnv = process.env): Promise<ClusterTransport> {
  const logger = options.logger;
  const owned = options.connection === undefined;
  const resolved = resolveNatsConnection({ ...options, name: options.name ?? 'patternsweep-coordinator' }, env);
  const nc = options.connection ?? (await connectNats(resolved));
  const servers = redactServers(resolved.servers);
  logger.info({ nats: servers }, 'connected to NATS');
  const namespace = options.namespace ?? (env.PATTERNSWEEP_NATS_NAMESPACE || undefined);
  const fromEnv = workQueueSettingsFromEnv(env);
  const queues = new JetStreamSweepQueues({
    connection: nc,
    logger,
    namespace,
    ackWaitMs: options.ackWaitMs ?? fromEnv.ackWaitMs,
    maxDeliver: options.maxDeliver ?? fromEnv.maxDeliver,
  });
  const metrics = new SweepMetrics(servers);
  const port = options.metricsPort ?? envNumber(env, 'PATTERNSWEEP_METRICS_PORT');
  let server: StatusServer | null = null;
  if (port !== undefined) {
    const host = options.metricsHost ?? (env.PATTERNSWEEP_METRICS_HOST || HTTP_ENDPOINT_DEFAULTS.host);
    server = await startStatusServer(metrics, port, host);
    logger.info({ host, port: server.port }, 'serving /metrics and /status');
  }
  const progressBucket: KV = await openBucket(nc, clusterNames(namespace).progressBucket);
  const writeProgress = async (): Promise<void> => {
    const s = metrics.status;
    if (s.sweepId === '') return;
    await progressBucket.put(
      s.sweepId,
      encodeProgress({
        sweepId: s.sweepId,
        specHash: s.specHash,
        state: s.state === 'idle' ? 'running' : s.state,
        done: s.done,
        failed: s.failed,
        total: s.total,
        inFlight: s.inFlight,
        runsDone: s.runsDone,
        runsTotal: s.runsTotal,
        runsPerSecond: s.runsPerSecond,
        startedMs: metrics.startedMs,
        updatedMs: Date.now(),
        failedShards: s.failedShards,
        protocolErrors: s.protocolErrors,
      }),
    );
  };
  const ticker = setInterval(() => {
    writeProgress().catch((error: unknown) => logger.warn({ err: String(error) }, 'progress update failed'));
  }, options.progressIntervalMs ?? CLUSTER_TRANSPORT_DEFAULTS.progressIntervalMs);
  const observer: SweepObserver = {
    stored: (_shard, runs, lag) => metrics.shardDone(runs, lag),
    failed: (shard) => metrics.shardFailed(shard),
    inFlight: (n) => metrics.setInFlight(n),
    protocolError: () => metrics.protocolError(),
  };
  let closed = false;
  return {
    queues,
    observer,
    metrics,
    server,
    connection: nc,
    maxInFlight: options.maxInFlight ?? envNumber(env, 'PATTERNSWEEP_NATS_MAX_IN_FLIGHT'),
    onStart: (info) => metrics.start(info.sweepId, info.specHash, info.shards, info.runs, info.doneShards, info.doneRuns),
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(ticker);
      const s = metrics.status;
      if (s.state === 'running') metrics.finish(s.done + s.failed >= s.total ? 'finished' : 'aborted');
      await writeProgress().catch(() => undefined);
      await server?.close();
      if (owned && !nc.isClosed()) await nc.drain();
    },
  };
}
