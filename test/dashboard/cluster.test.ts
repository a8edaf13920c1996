/**
 * `run --nats URL --ui 0`: the coordinator's dashboard API lists the live
 * workers with their heartbeats (a real nats-server, a real worker process).
 */
import { join } from 'node:path';
import t from 'tap';
import type { ProgressView } from '../../coordinator/dashboard/index.js';
import { spawnCli } from '../cli/child.js';
import { scratch, startWorker, stopWorker } from '../cluster/fixtures.js';
import { writeTestSpec } from '../coordinator/sweeps.js';
import { startNatsServer, uniqueNamespace } from '../helpers/nats-server.js';

const server = await startNatsServer(t);

t.test('the dashboard shows cluster workers and their heartbeats', async (t) => {
  const dir = scratch(t);
  const namespace = uniqueNamespace();
  const spec = await writeTestSpec(dir, 'spec.yaml', { name: 'cluster-ui', replicates: 2, shardSize: 2 });
  // Each shard waits 1 s at the worker (test-only delay), so the sweep runs for a few seconds.
  const worker = startWorker(t, server.url, namespace, 'ui-worker', { name: 'delay', options: { delayMs: 1000 } });
  await worker.waitFor(/worker ready/);
  const run = spawnCli(t, ['run', spec, '--out', join(dir, 'out'), '--nats', server.url, '--progress', 'none', '--ui', '0'], {
    PATTERNSWEEP_NATS_NAMESPACE: namespace,
  });
  const [, url] = await run.waitFor(/dashboard: (http:\/\/127\.0\.0\.1:\d+)\//);
  // Heartbeats are written every few seconds: ask until this worker's is there (bounded by the sweep's end).
  let progress: ProgressView | undefined;
  for (let asked = 0; asked < 200; asked++) {
    progress = (await (await fetch(`${url}/api/progress`)).json()) as ProgressView;
    if ((progress.workers ?? []).some((w) => w.id === 'ui-worker')) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const seen = progress?.workers?.find((w) => w.id === 'ui-worker');
  t.ok(seen, `the worker is listed: ${JSON.stringify(progress?.workers)}`);
  t.equal(seen?.threads, 1);
  t.ok(seen !== undefined && seen.ageSeconds >= 0 && seen.ageSeconds < 15, 'with the age of its last heartbeat');
  t.equal(progress?.totalShards, 4);
  t.equal((await run.exited).code, 0, run.stderr());
  t.equal(await stopWorker(worker), 0);
});
