/**
 * A refined sweep in cluster mode: `patternsweep run --nats` drives the
 * levels while `patternsweep worker` processes compute every level's shards
 * (each level travels as a derived spec with its points listed, no new wire
 * message). The tables and the refinement ledger equal local mode's bit for
 * bit, also after the coordinator is stopped inside level 1 and resumed.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { spawnCli } from '../cli/child.js';
import { tableBits } from '../coordinator/sweeps.js';
import { startNatsServer, uniqueNamespace } from '../helpers/nats-server.js';
import { scratch, startWorker, stopWorker } from './fixtures.js';

const server = await startNatsServer(t);

// backend js: `auto` is timed once per sweep (coordinator/backend-choice.ts); the local and cluster sweeps compared bit for bit name one backend.
const SPEC = `name: cluster-refine
seed: 16
backend: js
model:
  patterns: 7
  successRate: { optimal: 0.9, rival: 0.5, rest: 0.1 }
  initialPattern: { gamma: 6, rival: 0.7 }
horizon: { tMax: 1, maxSteps: 10 }
grid:
  model.initialPattern.gamma: { logspace: [1.5, 30, 5] }
  model.successRate.rival: { linspace: [0.12, 0.88, 5] }
refine:
  axes: [model.initialPattern.gamma, model.successRate.rival]
  quantity: regime
  levels: 3
  budget: 5000
shardSize: 8
keep: { statistics: [acc0, regime, t_escape] }
`;

const TABLES = [
  'SELECT * FROM runs ORDER BY idx',
  'SELECT * FROM summary ORDER BY point',
  'SELECT * FROM refine_points ORDER BY grid_point',
  'SELECT * FROM refine_levels ORDER BY level',
];

async function tables(out: string) {
  return Promise.all(TABLES.map((sql) => tableBits(join(out, 'sweep.duckdb'), sql)));
}

t.test('cluster refinement equals local refinement, uninterrupted and resumed', async (t) => {
  const dir = scratch(t);
  const spec = join(dir, 'spec.yaml');
  await writeFile(spec, SPEC);
  const namespace = uniqueNamespace();
  const env = { PATTERNSWEEP_NATS_NAMESPACE: namespace };
  const local = spawnCli(t, ['run', spec, '--out', join(dir, 'local'), '--threads', '1', '--progress', 'none']);
  t.equal((await local.exited).code, 0, `local: ${local.stderr()}`);
  const want = await tables(join(dir, 'local'));
  t.ok(want[2].rows.length > 25, 'levels beyond 0 were planned');

  const workers = ['r1', 'r2'].map((id) => startWorker(t, server.url, namespace, id, { name: 'delay', options: { delayMs: 30 } }));
  await Promise.all(workers.map((w) => w.waitFor(/worker ready/)));
  const whole = spawnCli(t, ['run', spec, '--out', join(dir, 'cluster'), '--nats', server.url, '--progress', 'none'], env);
  t.equal((await whole.exited).code, 0, `cluster: ${whole.stderr()}`);
  t.same(await tables(join(dir, 'cluster')), want, 'cluster tables identical to local');

  // Stop the coordinator once level 1 is dispatched, then resume it.
  const cut = spawnCli(t, ['run', spec, '--out', join(dir, 'cut'), '--nats', server.url, '--progress', 'none', '--log-level', 'info'], env);
  await cut.waitFor(/"level":1/);
  cut.child.kill('SIGINT');
  const code = (await cut.exited).code;
  t.ok(code === 130 || code === 0, `stopped (exit ${code})`);
  const resumed = spawnCli(t, ['run', spec, '--out', join(dir, 'cut'), '--nats', server.url, '--progress', 'none'], env);
  t.equal((await resumed.exited).code, 0, `resumed: ${resumed.stderr()}`);
  t.same(await tables(join(dir, 'cut')), want, 'resumed cluster tables identical to local');
  for (const w of workers) t.equal(await stopWorker(w), 0);
});
