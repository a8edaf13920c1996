/**
 * The dashboard in a real browser (chromium + puppeteer-core) against a real
 * running sweep: computed on local threads, stored in DuckDB, held still at
 * 2 and then 4 of 5 shards so the page can be compared with the store.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import type { DuckDBConnection } from '@duckdb/node-api';
import { serveLiveSweep, type Dashboard } from '../../coordinator/dashboard/index.js';
import { runLocalSweep } from '../../cli/local.js';
import type { OpenSweep } from '../../coordinator/sweep-run.js';
import { ShardPool } from '../../worker/index.js';
import { tempDir } from '../coordinator/fixtures.js';
import { writeTestSpec } from '../coordinator/sweeps.js';
import { openBrowser } from './browser.js';
import { ShardGate } from './gate.js';

async function scalar(connection: DuckDBConnection, sql: string): Promise<number> {
  const reader = await connection.runAndReadAll(sql);
  return Number(reader.getRows()[0][0]);
}

/** The number after `key=` in a mark's aria description "point N; ...; mean acc_final=V; n=K". */
function field(label: string, key: string): number {
  const m = new RegExp(`(?:^|; )${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}=([^;]+)`).exec(label);
  if (m === null) throw new Error(`no ${key} in ${label}`);
  return Number(m[1]);
}

t.test('live dashboard: progress and heatmap cells match the store, cells fill in, the drill-down opens', async (t) => {
  const dir = await tempDir(t);
  // 2 x 2 grid (model.patterns x beta), 5 replicates, shards of 4 runs: 5 shards; 8 trajectory points per run.
  const spec = await writeTestSpec(dir, 'spec.yaml', { shardSize: 4, trajectories: 8 });
  const out = join(dir, 'out');
  const pool = new ShardPool({ threads: 1 });
  const dispatcher = new ShardGate((task, signal) => pool.run(task, signal), [2, 4]);
  let opened!: (value: { sweep: OpenSweep; dashboard: Dashboard }) => void;
  const ready = new Promise<{ sweep: OpenSweep; dashboard: Dashboard }>((resolve) => {
    opened = resolve;
  });
  const running = runLocalSweep({
    sweep: spec,
    outDir: out,
    threads: 1,
    runShard: dispatcher.runShard,
    observer: dispatcher.observer,
    progress: 'none',
    onStoreOpen: async (sweep) => {
      const dashboard = await serveLiveSweep(sweep, { port: 0 });
      opened({ sweep, dashboard });
      return dashboard;
    },
  });
  t.teardown(async () => {
    dispatcher.releaseAll();
    await running.catch(() => undefined);
    await pool.close();
  });
  const { sweep, dashboard } = await ready;
  t.match(dashboard.url, /^http:\/\/127\.0\.0\.1:\d+$/, 'binds loopback by default');
  await dispatcher.reached(2);
  const store = await sweep.store.readConnection();
  t.teardown(() => store.closeSync());

  const { page, errors } = await openBrowser(t);
  await page.goto(`${dashboard.url}/`, { waitUntil: 'load' });
  const doneInStore = await scalar(store, `SELECT count(*) FROM shards WHERE status = 'done'`);
  t.equal(doneInStore, 2);
  await page.waitForSelector(`#progress-shards[data-done="${doneInStore}"]`);
  t.equal(await page.$eval('#progress-shards', (e) => e.textContent), '2 / 5', 'shards stored / total');
  t.equal(
    await page.$eval('#progress-runs', (e) => e.getAttribute('data-done')),
    String(await scalar(store, 'SELECT count(*) FROM runs')),
    'runs stored match the store',
  );
  t.equal(await page.$eval('#state', (e) => e.getAttribute('data-state')), 'running');
  t.match(await page.$eval('#completeness', (e) => e.textContent ?? ''), /Running: 8 of 20 runs stored; 3 shard\(s\) not stored yet/);

  // A heatmap of mean final accuracy over the two grid axes.
  await page.select('#ctl-stat', 'acc_final');
  await page.waitForSelector('#figure svg [aria-label*="mean acc_final="]');
  const labels = await page.$$eval('#figure svg [aria-label^="point="]', (els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  // 8 runs stored: point 0 (5 runs) and the first 3 runs of point 1.
  t.equal(labels.length, 2, 'one cell per stored grid point');
  for (const label of labels) {
    const point = field(label, 'point');
    t.equal(field(label, 'mean acc_final'), await scalar(store, `SELECT avg(acc_final) FROM runs WHERE point = ${point}`), `cell of point ${point} = the store's mean`);
    t.equal(field(label, 'n'), await scalar(store, `SELECT count(*) FROM runs WHERE point = ${point}`), `runs of point ${point}`);
  }
  t.equal(
    (await page.$$('#figure svg [aria-label^="not stored yet"]')).length,
    2,
    'the two grid points not computed yet are drawn as such',
  );

  // The sweep goes on: the page fills in without a reload.
  dispatcher.release(2);
  await dispatcher.reached(4);
  await page.waitForSelector('#progress-shards[data-done="4"]');
  await page.waitForFunction(`document.querySelectorAll('#figure svg [aria-label^="point="]').length === 4`);
  const point3 = await page.$eval('#figure svg [aria-label^="point=3;"]', (e) => e.getAttribute('aria-label') ?? '');
  t.equal(field(point3, 'mean acc_final'), await scalar(store, 'SELECT avg(acc_final) FROM runs WHERE point = 3'));

  // Drill-down: click point 0's cell.
  await page.click('#figure svg [aria-label^="point=0;"]');
  await page.waitForSelector('#drill[data-ready="true"][data-point="0"]');
  const runsAtPoint = await scalar(store, 'SELECT count(*) FROM runs WHERE point = 0');
  t.equal(await page.$eval('#drill-runs', (e) => e.getAttribute('data-runs')), String(runsAtPoint));
  t.equal(await page.$$eval('#drill-runs tr', (rows) => rows.length), runsAtPoint + 1, 'one table row per run, plus the header');
  t.ok(await page.$('#drill-histogram svg'), 'a histogram of the runs of the point');
  t.ok(await page.$('#drill-trajectories svg'), 'trajectories (the spec keeps them)');

  const shot = join(dir, 'dashboard.png');
  await page.screenshot({ path: shot, fullPage: true });
  t.ok(statSync(shot).size > 10_000, `screenshot written to ${shot}`);
  t.same(errors, [], 'no console errors, page errors or failed requests');
  await page.close();

  dispatcher.release(4);
  const result = await running;
  t.equal(result.status, 'complete');
  t.equal(result.shards.done, 5);
});
