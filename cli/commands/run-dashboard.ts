/**
 * `run --ui [PORT]`: the coordinator serves the dashboard and its JSON API
 * (coordinator/dashboard/) for as long as the sweep runs. Without `--ui` the
 * API still listens on a free loopback port, so `summary DIR` and `sql DIR`
 * work during the run; `--ui` picks the port, may open it wider
 * (`--ui-host`), and prints the address.
 */
import type { Logger } from 'pino';
import type { NatsConnection } from '@nats-io/transport-node';
import { DEFAULT_UI_PORT, serveLiveSweep, type WorkerView } from '../../coordinator/index.js';
import type { RunSweepOptions } from '../../coordinator/index.js';
import type { NatsCliOptions } from '../nats-options.js';
import { natsConnectionInput } from './nats-input.js';

export interface RunDashboardCliOptions extends NatsCliOptions {
  /** `--ui` alone is true; `--ui 8080` is the port. */
  readonly ui?: boolean | number;
  readonly uiHost?: string;
  readonly namespace?: string;
}

/** Live cluster workers from the heartbeat bucket, over a connection of its own. */
async function clusterWorkers(options: RunDashboardCliOptions): Promise<{ workers: () => Promise<WorkerView[]>; close: () => Promise<void> }> {
  const { connectNats, resolveNatsConnection } = await import('../../queue/jetstream/index.js');
  const { readClusterStatus } = await import('../../coordinator/nats/index.js');
  const nc: NatsConnection = await connectNats(
    resolveNatsConnection({ ...natsConnectionInput(options), name: 'patternsweep-dashboard' }),
  );
  return {
    workers: async () =>
      (await readClusterStatus(nc, { namespace: options.namespace ?? (process.env.PATTERNSWEEP_NATS_NAMESPACE || undefined) })).workers.map((w) => ({
        id: w.workerId,
        host: w.host,
        threads: w.threads,
        busy: w.busy,
        shardsDone: w.shardsDone,
        shardsFailed: w.shardsFailed,
        ageSeconds: w.ageSeconds,
      })),
    close: async () => {
      if (!nc.isClosed()) await nc.close();
    },
  };
}

export function dashboardHook(options: RunDashboardCliOptions, logger: Logger): NonNullable<RunSweepOptions['onStoreOpen']> {
  return async (sweep) => {
    const asked = options.ui !== undefined && options.ui !== false;
    const port = typeof options.ui === 'number' ? options.ui : asked ? DEFAULT_UI_PORT : 0;
    const cluster = options.nats !== undefined ? await clusterWorkers(options) : undefined;
    try {
      const dashboard = await serveLiveSweep(sweep, { port, host: options.uiHost, workers: cluster?.workers }, logger);
      if (asked) process.stderr.write(`dashboard: ${dashboard.url}/ (serves while the sweep runs; afterwards: patternsweep serve ${sweep.outDir})\n`);
      logger.info({ url: dashboard.url }, 'dashboard and API listening');
      return {
        close: async () => {
          await dashboard.close();
          await cluster?.close();
        },
      };
    } catch (error) {
      await cluster?.close();
      throw error;
    }
  };
}
