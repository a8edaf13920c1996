/**
 * `worker --health-port`: /healthz answers while the process lives, /readyz
 * only while it is connected and taking shards (the Kubernetes probes in
 * deploy/ point here).
 */
import t from 'tap';
import { startNatsServer, uniqueNamespace } from '../helpers/nats-server.js';
import { startWorker, stopWorker } from './fixtures.js';

const server = await startNatsServer(t);

async function get(port: number, path: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, body: (await res.text()).trim() };
}

t.test('readyz turns 200 once the worker takes shards; healthz is 200; unknown paths 404', async (t) => {
  const w = startWorker(t, server.url, uniqueNamespace(), 'probed', null, ['--health-port', '0']);
  const [, port] = await w.waitFor(/"port":(\d+)[^\n]*health endpoints/);
  t.ok(port, 'the log line names the port');
  await w.waitFor(/worker ready/);
  t.same(await get(Number(port), '/healthz'), { status: 200, body: 'ok' });
  t.same(await get(Number(port), '/readyz'), { status: 200, body: 'ready' });
  t.equal((await get(Number(port), '/metrics')).status, 404);
  t.equal(await stopWorker(w), 0);
});

t.test('a bad --health-port is refused with the allowed range', async (t) => {
  const w = startWorker(t, server.url, uniqueNamespace(), 'bad-port', null, ['--health-port', '70000']);
  t.equal((await w.exited).code, 2);
  await w.waitFor(/port must be an integer in \[0, 65535\]/);
});

t.test('SIGTERM while the worker still waits for its broker exits 0 at once', async (t) => {
  // Nothing listens on this port: the worker waits for a broker that is not up yet.
  const idle = await startNatsServer(t);
  const unreachable = idle.url;
  await idle.stop();
  const w = startWorker(t, unreachable, uniqueNamespace(), 'early', null, ['--health-port', '0']);
  const [, port] = await w.waitFor(/"port":(\d+)[^\n]*health endpoints/);
  t.same(await get(Number(port), '/readyz'), { status: 503, body: 'not connected to NATS' }, 'still connecting');
  t.equal(await stopWorker(w), 0, 'exit code 0, nothing to drain');
});
