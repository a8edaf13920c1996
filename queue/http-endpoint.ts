/**
 * A small GET-only HTTP endpoint for probes and scrapers (worker
 * `--health-port`, coordinator `--metrics-port`). Binds 127.0.0.1 unless told
 * otherwise (`--health-host`, `--metrics-host`): an endpoint reachable from
 * other machines is a choice, e.g. 0.0.0.0 in a pod so probes and Prometheus
 * can reach it (the manifests set that). It serves nothing secret.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpEndpoint {
  /** The port bound (the one asked for, or the one picked for port 0). */
  readonly port: number;
  close(): Promise<void>;
}

/** `route` answers a GET on `path`; other methods get 405. */
export type GetRoute = (path: string, res: ServerResponse, req: IncomingMessage) => void;

export const HTTP_ENDPOINT_DEFAULTS = Object.freeze({ host: '127.0.0.1' });

export async function startHttpEndpoint(port: number, route: GetRoute, host: string = HTTP_ENDPOINT_DEFAULTS.host): Promise<HttpEndpoint> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    route((req.url ?? '/').split('?')[0], res, req);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
