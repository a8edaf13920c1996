/**
 * The dashboard of a running sweep, as the coordinator starts it once its
 * store is open: a live source, the server, and DIR/dashboard.json with its
 * address (so `summary` and `sql` reach the API while the store is locked).
 */
import type { Logger } from 'pino';
import { removeAddress, writeAddress } from './address-file.js';
import type { DashboardOptions } from './options.js';
import { startDashboard, type Dashboard } from './server.js';
import { liveSource, type LiveSourceOptions, type LiveSweep } from './source.js';

export async function serveLiveSweep(
  sweep: LiveSweep,
  options: DashboardOptions & LiveSourceOptions = {},
  logger?: Logger,
): Promise<Dashboard> {
  const source = await liveSource(sweep, options);
  let dashboard: Dashboard;
  try {
    dashboard = await startDashboard(source, options, logger);
  } catch (error) {
    await source.close();
    throw error;
  }
  try {
    await writeAddress(sweep.outDir, {
      url: dashboard.url.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//[::1]:'),
      pid: process.pid,
      sweep: sweep.store.layout.name,
      specHash: sweep.store.layout.specHash,
      startedAt: new Date().toISOString(),
    });
  } catch (error) {
    await dashboard.close();
    throw error;
  }
  return {
    url: dashboard.url,
    port: dashboard.port,
    host: dashboard.host,
    async close(): Promise<void> {
      await removeAddress(sweep.outDir);
      await dashboard.close();
    },
  };
}
