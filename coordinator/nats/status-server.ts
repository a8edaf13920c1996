/**
 * `--metrics-port`: GET /metrics (Prometheus text), GET /status (JSON) of the
 * running sweep, and GET /healthz. Nothing secret is served (server URLs are
 * redacted in SweepStatus.nats).
 */
import { startHttpEndpoint, type HttpEndpoint } from '../../queue/index.js';
import type { SweepMetrics } from './metrics.js';

export type StatusServer = HttpEndpoint;

export function startStatusServer(metrics: SweepMetrics, port: number, host?: string): Promise<StatusServer> {
  return startHttpEndpoint(
    port,
    (path, res) => {
      if (path === '/metrics') {
        metrics.registry
          .metrics()
          .then((text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text))
          .catch((error: unknown) => res.writeHead(500).end(String(error)));
      } else if (path === '/status') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(metrics.status));
      } else if (path === '/healthz') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /metrics or /status\n');
      }
    },
    host,
  );
}
