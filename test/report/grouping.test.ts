/**
 * The report never pools grid points and says what is missing: an
 * interrupted 2-axis sweep gets "N of M runs stored", one Outcomes row per
 * stored grid point, fraction panels over the second axis, and a clean
 * report folder. The closed forms drawn beside the data (report/theory.ts)
 * against independent computations.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { runLocalSweep } from '../../cli/local.js';
import { buildReport } from '../../report/index.js';
import { gammaPower, klOptimum, slopeMinusOne, twoPatternEscapeTime, twoPatternG } from '../../report/theory.js';
import { runShard } from '../../worker/shard.js';
import { tempDir } from '../coordinator/fixtures.js';
import { writeTestSpec } from '../coordinator/sweeps.js';

t.test('an interrupted sweep: stored / total in the header, one Outcomes row per grid point, a clean folder', async (t) => {
  const dir = await tempDir(t);
  // 2 x 2 grid, 5 replicates, shards of 4: stop after 3 of 5 shards (12 of 20 runs, points 0-2).
  const spec = await writeTestSpec(dir, 'spec.yaml', { shardSize: 4 });
  const out = join(dir, 'out');
  const controller = new AbortController();
  let stored = 0;
  // The first 3 shards compute; later ones fail (retryably) until the stop,
  // which comes once 3 are stored, so the sweep is interrupted at 12 of 20 runs.
  let started = 0;
  const result = await runLocalSweep({
    sweep: spec,
    outDir: out,
    threads: 1,
    runShard: (task) => (started++ < 3 ? runShard(task) : Promise.reject(new Error('held back by the test'))),
    observer: {
      stored: () => {
        if (++stored === 3) controller.abort();
      },
    },
    progress: 'none',
    signal: controller.signal,
  });
  t.equal(result.status, 'interrupted');

  const reportDir = join(out, 'report');
  await mkdir(reportDir, { recursive: true });
  writeFileSync(join(reportDir, 'index.html'), '<title>patternsweep report: old</title>');
  writeFileSync(join(reportDir, 'heatmap-old.svg'), '<svg/>');
  writeFileSync(join(reportDir, 'notes.txt'), 'mine');
  const report = await buildReport(out);
  t.notOk(existsSync(join(reportDir, 'heatmap-old.svg')), 'a figure of an earlier report is gone');
  t.ok(existsSync(join(reportDir, 'notes.txt')), 'other files stay');

  const html = readFileSync(report.html, 'utf8');
  t.match(html, /<th>Runs stored<\/th><td>12 of 20 <strong>\(incomplete/);
  t.match(html, /Incomplete sweep: 12 of 20 runs stored \(3 of 5 shards\)/);
  const outcomes = html.slice(html.indexOf('<table class="outcomes">'), html.indexOf('</table>', html.indexOf('<table class="outcomes">')));
  t.match(outcomes, /<th>R<\/th><th>β<\/th><th>Runs<\/th>/, 'one column per varying axis');
  const rows = [...outcomes.matchAll(/<tr><td>([^<]+)<\/td><td>([^<]+)<\/td><td>(\d+)<\/td>/g)].map((m) => [m[1], m[2], Number(m[3])]);
  t.same(rows, [['3', '0', 5], ['3', '0.05', 5], ['5', '0', 2]], 'each stored grid point once, with its own runs');
  const fractions = report.figures.find((f) => f.id.startsWith('fractions'));
  t.ok(fractions, 'a fractions figure');
  t.match(readFileSync(fractions!.svg, 'utf8'), /β = 0\.05/, 'with one panel per value of the other axis');
});

t.test('closed forms against independent computations', async (t) => {
  t.equal(twoPatternG(0.5), 0, 'G(1/2) = 0, so the escape time is -G(q0)/(2 Delta)');
  // -G(q0)/(2 Delta) ~ 1/(2 Delta q0) for small q0 (docs/model.md §4), to O(log q0 / (1/q0)).
  const exact = twoPatternEscapeTime(1e-4, 0.4);
  t.ok(Math.abs(exact * 2 * 0.4 * 1e-4 - 1) < 3e-3, `t(1e-4, 0.4) = ${exact} ~ 1/(2 Delta q0) = 12500`);
  t.ok(Math.abs(exact - 12522.3) < 1, 'the README number: 12,522');
  // pi_beta by brute force: pi_ref * exp(p / beta), normalised.
  const ref = [0.1, 0.4, 0.25, 0.15, 0.1];
  const p = [0.9, 0.6, 0.3, 0.2, 0.1];
  const w = ref.map((r, i) => r * Math.exp(p[i] / 0.1));
  const pi = w.map((x) => x / w.reduce((a, b) => a + b, 0));
  const opt = klOptimum(ref, p, 0.1);
  t.ok(Math.abs(opt.piOpt - pi[0]) < 1e-12, `pi_beta(r*) = ${opt.piOpt} (README: 0.8285)`);
  t.ok(Math.abs(opt.piOpt - 0.8285) < 1e-4);
  t.ok(Math.abs(opt.kl - pi.reduce((a, x, i) => a + x * Math.log(x / ref[i]), 0)) < 1e-12);
  t.ok(Math.abs(klOptimum(ref, p, 1e3).kl) < 1e-6, 'large beta: back to pi_ref');

  const rows = [1e-4, 1e-3, 1e-2].map((x) => ({ x, series: null, n: 1, censored: 0, p10: 1 / x, median: 1.2 / x, p90: 1 / x, horizon: 1e9 }));
  const slope = slopeMinusOne(rows)!;
  t.ok(slope.points.every((q) => Math.abs(q.y * q.x - 1.2) < 1e-9), 'slope -1 through the smallest epsilon');
  const gamma = gammaPower([2, 4, 8].map((x) => ({ x, series: 0.7, n: 1, censored: 0, p10: 1, median: x ** 3, p90: 1, horizon: 1e9 })), 7)!;
  const last = gamma.points[gamma.points.length - 1];
  t.ok(Math.abs(last.x - 8) < 1e-9 && Math.abs(last.y - 512) < 1e-6, 'anchored at the largest gamma');
  t.ok(Math.abs(gamma.points[0].y - 512 * (2 / 8) ** 6) < 1e-9, 'and follows gamma^(R-1)');
});
