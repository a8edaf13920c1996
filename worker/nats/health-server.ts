/**
 * `worker --health-port`: probes for Kubernetes. GET /healthz answers 200
 * while the process is alive (liveness); GET /readyz answers 200 only while
 * the worker is connected to NATS and taking shards, 503 while it connects,
 * reconnects or drains (readiness). It starts before the first connect, since
 * a worker may wait for a broker that is not up yet.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

/** `readiness()` returns null when ready, else why not (sent with the 503). */
export async function startHealthServer(port: number, readiness: () => string | null, host = '0.0.0.0'): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      return;
    }
    if (path === '/readyz') {
      const notReady = readiness();
      res.writeHead(notReady === null ? 200 : 503, { 'content-type': 'text/plain' }).end(`${notReady ?? 'ready'}\n`);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /healthz or /readyz\n');
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
