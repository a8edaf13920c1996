/**
 * `run --nats URL`: connect, optionally serve /metrics and /status, and hand
 * runSweep a NatsDispatcher that owns the connection and the server.
 */
import type { Logger } from 'pino';
import { connectNats, redactServers, resolveNatsConnection } from '../../worker/nats/connection.js';
import type { ShardDispatcher, ShardSink } from '../dispatch.js';
import type { ShardTask } from '../../worker/shard.js';
import { workQueueSettingsFromEnv } from '../../worker/nats/topology.js';
import { NatsDispatcher } from './dispatcher.js';
import { SweepMetrics } from './metrics.js';
import { HTTP_ENDPOINT_DEFAULTS } from '../../worker/nats/http-endpoint.js';
import { startStatusServer, type StatusServer } from './status-server.js';

/** The CLI's NATS flags (cli/nats-options.ts) plus the cluster tuning knobs. */
export interface CreateNatsDispatcherOptions {
  nats?: string;
  creds?: string;
  nkey?: string;
  user?: string;
  password?: string;
  token?: string;
  tlsCa?: string;
  tlsCert?: string;
  tlsKey?: string;
  logger: unknown;
  /** Unused by the cluster (workers choose their threads); accepted for symmetry with local runs. */
  threads?: number;
  /** @default PATTERNSWEEP_NATS_NAMESPACE or 'psweep' */
  namespace?: string;
  /** Serve /metrics and /status here (0 = any free port). @default PATTERNSWEEP_METRICS_PORT or off */
  metricsPort?: number;
  /** Address the metrics endpoint binds. @default PATTERNSWEEP_METRICS_HOST or 127.0.0.1 */
  metricsHost?: string;
  maxInFlight?: number;
  ackWaitMs?: number;
  maxDeliver?: number;
  specText?: string;
}

function envNumber(env: NodeJS.ProcessEnv, key: string): number | undefined {
  const raw = env[key];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${key}: "${raw}" is not a non-negative integer`);
  return n;
}

/** A NatsDispatcher that also closes its status server and connection. */
class OwningDispatcher implements ShardDispatcher {
  constructor(
    readonly inner: NatsDispatcher,
    readonly server: StatusServer | null,
  ) {}

  run(pending: readonly ShardTask[], sink: ShardSink, signal?: AbortSignal): Promise<void> {
    return this.inner.run(pending, sink, signal);
  }

  async close(): Promise<void> {
    await this.server?.close();
    await this.inner.close();
  }
}

export async function createNatsDispatcher(
  options: CreateNatsDispatcherOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ShardDispatcher & { readonly inner: NatsDispatcher; readonly server: StatusServer | null }> {
  const logger = options.logger as Logger;
  const connection = resolveNatsConnection(
    {
      servers: options.nats,
      creds: options.creds,
      nkey: options.nkey,
      user: options.user,
      password: options.password,
      token: options.token,
      tlsCa: options.tlsCa,
      tlsCert: options.tlsCert,
      tlsKey: options.tlsKey,
      name: 'patternsweep-coordinator',
    },
    env,
  );
  const nc = await connectNats(connection);
  const servers = redactServers(connection.servers);
  logger.info({ nats: servers }, 'connected to NATS');
  const metrics = new SweepMetrics(servers);
  const namespace = options.namespace ?? (env.PATTERNSWEEP_NATS_NAMESPACE || undefined);
  const dispatcher = new NatsDispatcher({
    connection: nc,
    logger,
    namespace,
    maxInFlight: options.maxInFlight ?? envNumber(env, 'PATTERNSWEEP_NATS_MAX_IN_FLIGHT'),
    ...workQueueSettingsFromEnv(env),
    ...(options.ackWaitMs !== undefined ? { ackWaitMs: options.ackWaitMs } : {}),
    ...(options.maxDeliver !== undefined ? { maxDeliver: options.maxDeliver } : {}),
    specText: options.specText,
    metrics,
    ownsConnection: true,
  });
  const port = options.metricsPort ?? envNumber(env, 'PATTERNSWEEP_METRICS_PORT');
  let server: StatusServer | null = null;
  if (port !== undefined) {
    const host = options.metricsHost ?? (env.PATTERNSWEEP_METRICS_HOST || HTTP_ENDPOINT_DEFAULTS.host);
    server = await startStatusServer(metrics, port, host);
    logger.info({ host, port: server.port }, 'serving /metrics and /status');
  }
  return new OwningDispatcher(dispatcher, server);
}
