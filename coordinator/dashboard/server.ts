/**
 * The dashboard's HTTP server (node:http, GET only): the page, its assets and
 * a JSON API over a SweepSource.
 *
 *   GET /                    the dashboard page
 *   GET /assets/<file>       vega, vega-lite, vega-embed, the page script and style
 *   GET /api/info            name, hash, axes (all grid values, also those not stored yet), statistics
 *   GET /api/progress        shards and runs done / failed / total, runs/s (recent window), ETA, workers
 *   GET /api/failed          failed shards with their errors
 *   GET /api/points?stat=S   one row per stored grid point: value of S (mean, or censored-aware median for times)
 *   GET /api/summary?by=a,b  the summary table, per grid point or grouped by axes (as `patternsweep summary`)
 *   GET /api/point?id=N      one grid point: its runs and (when kept) trajectories
 *   GET /api/sql?q=SELECT..  one read-only query
 *   GET /healthz
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { ASSETS } from './assets.js';
import { DashboardRequestError } from './errors.js';
import { resolveDashboardOptions, type DashboardOptions, type ResolvedDashboardOptions } from './options.js';
import { renderDashboardPage } from './page.js';
import { checkStatistic, failedShards, groupedSummary, pointRuns, pointValues, readOnlySql, sweepInfo } from './queries.js';
import type { SweepSource } from './source.js';

export interface Dashboard {
  /** e.g. http://127.0.0.1:8321 */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** Stops listening, ends open connections, closes the source. Safe to call twice. */
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    .end(JSON.stringify(body, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)));
}

function integerParam(url: URL, name: string): number {
  const text = url.searchParams.get(name);
  const n = Number(text);
  if (text === null || !Number.isSafeInteger(n) || n < 0) {
    throw new DashboardRequestError(`${name}: ${JSON.stringify(text)} is not a non-negative integer`);
  }
  return n;
}

type Handler = (url: URL) => Promise<unknown>;

function apiRoutes(source: SweepSource, o: ResolvedDashboardOptions): Map<string, Handler> {
  const { connection, layout } = source;
  return new Map<string, Handler>([
    ['/api/info', () => sweepInfo(connection, layout, source.dir)],
    ['/api/progress', () => source.progress()],
    ['/api/failed', async () => ({ shards: await failedShards(connection) })],
    [
      '/api/points',
      async (url) => {
        const stat = checkStatistic(layout, url.searchParams.get('stat'));
        return { stat, ...(await pointValues(connection, layout, stat, o.maxPoints)) };
      },
    ],
    [
      '/api/summary',
      async (url) => {
        const by = url.searchParams.get('by');
        const axes = by === null || by.trim() === '' ? null : by.split(',').map((s) => s.trim()).filter((s) => s !== '');
        return groupedSummary(connection, layout, axes);
      },
    ],
    ['/api/point', (url) => pointRuns(connection, layout, integerParam(url, 'id'), o.maxRunsPerPoint, o.maxTrajectories)],
    [
      '/api/sql',
      async (url) => {
        const q = url.searchParams.get('q');
        if (q === null || q.trim() === '') throw new DashboardRequestError('q: give one SELECT statement');
        return readOnlySql(connection, q, o.maxSqlRows);
      },
    ],
  ]);
}

export async function startDashboard(
  source: SweepSource,
  options: DashboardOptions = {},
  logger?: Logger,
): Promise<Dashboard> {
  const o = resolveDashboardOptions(options);
  const routes = apiRoutes(source, o);
  // API reads share one connection: run them one after another.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://dashboard');
    const path = url.pathname;
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(renderDashboardPage(layoutTitle(source)));
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      return;
    }
    if (path.startsWith('/assets/')) {
      const asset = ASSETS.get(path.slice('/assets/'.length));
      if (asset === undefined) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      res.writeHead(200, { 'content-type': asset.contentType, 'cache-control': 'max-age=3600' }).end(await asset.body());
      return;
    }
    const route = routes.get(path);
    if (route === undefined) {
      json(res, 404, { error: { code: 'NOT_FOUND', message: `no such path: ${path}` } });
      return;
    }
    try {
      json(res, 200, await serial(() => route(url)));
    } catch (error) {
      if (error instanceof DashboardRequestError) {
        json(res, 400, { error: { code: error.code, message: error.message } });
      } else {
        logger?.warn({ err: error, path }, 'dashboard request failed');
        json(res, 500, { error: { code: 'INTERNAL', message: (error as Error).message } });
      }
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger?.warn({ err: error }, 'dashboard response failed');
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = o.host.includes(':') ? `[${o.host}]` : o.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    host: o.host,
    close(): Promise<void> {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
        server.closeAllConnections();
        await closed;
        await queue;
        await source.close();
      })();
      return closing;
    },
  };
}

function layoutTitle(source: SweepSource): string {
  return source.layout.name;
}
