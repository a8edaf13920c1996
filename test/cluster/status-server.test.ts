/**
 * The coordinator's `--metrics-port` endpoint: Prometheus text on /metrics and
 * the sweep status as JSON on /status, read over real HTTP on loopback.
 */
import t from 'tap';
import { SweepMetrics } from '../../coordinator/nats/metrics.js';
import { startStatusServer } from '../../coordinator/nats/status-server.js';

t.test('/metrics and /status report shards done, failed and in flight; other paths 404, other methods 405', async (t) => {
  const metrics = new SweepMetrics('nats://127.0.0.1:4222');
  metrics.start('demo-0123456789ab', 'ab'.repeat(32), 4, 40);
  metrics.setInFlight(2);
  metrics.shardDone(10, 0.25);
  metrics.shardFailed(3);
  const server = await startStatusServer(metrics, 0, '127.0.0.1');
  t.teardown(() => server.close());
  const base = `http://127.0.0.1:${server.port}`;

  const text = await (await fetch(`${base}/metrics`)).text();
  t.match(text, /^patternsweep_shards_done_total 1$/m);
  t.match(text, /^patternsweep_shards_failed_total 1$/m);
  t.match(text, /^patternsweep_shards_in_flight 2$/m);
  t.match(text, /^patternsweep_runs_done_total 10$/m);

  const status = (await (await fetch(`${base}/status`)).json()) as Record<string, unknown>;
  t.equal(status.sweepId, 'demo-0123456789ab');
  t.equal(status.done, 1);
  t.equal(status.failed, 1);
  t.same(status.failedShards, [3]);
  t.equal(status.runsDone, 10);

  t.equal((await fetch(`${base}/healthz`)).status, 200);
  t.equal((await fetch(`${base}/nope`)).status, 404);
  t.equal((await fetch(`${base}/status`, { method: 'POST' })).status, 405);
});
