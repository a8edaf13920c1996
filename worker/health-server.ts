/**
 * `worker --health-port`: probes for Kubernetes. GET /healthz answers 200
 * while the process is alive (liveness); GET /readyz answers 200 only while
 * the worker is connected to NATS and taking shards, 503 while it connects,
 * reconnects or drains (readiness). It starts before the first connect, since
 * a worker may wait for a broker that is not up yet.
 */
import { startHttpEndpoint, type HttpEndpoint } from '../queue/index.js';

export type HealthServer = HttpEndpoint;

/** `readiness()` returns null when ready, else why not (sent with the 503). */
export function startHealthServer(port: number, readiness: () => string | null, host?: string): Promise<HealthServer> {
  return startHttpEndpoint(
    port,
    (path, res) => {
      if (path === '/healthz') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      } else if (path === '/readyz') {
        const notReady = readiness();
        res.writeHead(notReady === null ? 200 : 503, { 'content-type': 'text/plain' }).end(`${notReady ?? 'ready'}\n`);
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /healthz or /readyz\n');
      }
    },
    host,
  );
}
