/**
 * stochastic.yaml, scaled down, through the real pipeline: REINFORCE is an
 * unbiased estimate of the exact update, so its runs scatter around the
 * Euler flow; GRPO also converges (its normalised advantages rescale time).
 * docs/model.md §3 stochastic algorithms; §4 regime 1 survives sampling noise.
 */
import t from 'tap';
import { loadExample, queryStore, removeTestSweep, runTestSweep } from './in-process-sweep.js';

t.test('stochastic: REINFORCE and GRPO against the gradient flow', async (t) => {
  const doc = await loadExample('stochastic.yaml');
  doc.backend = 'js';
  doc.replicates = 16;
  doc.algorithm.rollouts = 16;
  const { dir } = await runTestSweep(doc);
  t.teardown(() => removeTestSweep(dir));

  const rows = await queryStore(
    dir,
    `SELECT "algorithm_rule" AS rule, count(*)::INTEGER AS n, avg(converged::INTEGER) AS converged,
       avg(t_conv) AS t_conv, stddev_samp(t_conv) AS sd, avg(acc_final) AS acc_final, max(diverged::INTEGER) AS diverged
     FROM runs GROUP BY 1`,
  );
  const by = Object.fromEntries(rows.map((r) => [String(r.rule), r]));
  t.same(Object.keys(by).sort(), ['euler', 'grpo', 'reinforce']);
  for (const rule of ['euler', 'reinforce', 'grpo']) {
    t.equal(by[rule].converged, 1, `${rule}: every run converges`);
    t.equal(by[rule].diverged, 0, `${rule}: no divergence`);
    t.ok(Number(by[rule].acc_final) > 0.85, `${rule}: final accuracy ${Number(by[rule].acc_final).toFixed(3)}`);
  }
  t.equal(Number(by.euler.sd), 0, 'the flow is deterministic: replicates agree');
  const ratio = Number(by.reinforce.t_conv) / Number(by.euler.t_conv);
  t.ok(ratio > 0.8 && ratio < 1.25, `REINFORCE mean t_conv / flow t_conv = ${ratio.toFixed(3)}`);
  t.ok(Number(by.reinforce.sd) > 0, 'REINFORCE runs differ (sampling noise)');
});
