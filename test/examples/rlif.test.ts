/**
 * rlif.yaml, scaled down (R = 10 and 100, 60 replicates), through the real
 * pipeline: docs/model.md §4 RLIF (Thm 5.6). With p ~ U[0, 1] self-certainty ends on
 * the most extreme pattern, the best or the worst, about half the time each;
 * with p ~ U[0.5, 1] accuracy rises from the start and ends on the best pattern.
 */
import t from 'tap';
import { wilsonInterval } from '../../report/index.js';
import { loadExample, queryStore, removeTestSweep, runTestSweep } from './in-process-sweep.js';

t.test('rlif: best or worst pattern, about half each', async (t) => {
  const doc = await loadExample('rlif.yaml');
  doc.backend = 'js';
  doc.replicates = 60;
  doc.grid = { 'model.patterns': [10, 100], 'model.successRate.uniform[0]': [0, 0.5] };
  doc.horizon = { tMax: 1e5, maxSteps: 100000 };
  doc.keep = { trajectories: 0, statistics: 'all' };
  const { dir } = await runTestSweep(doc);
  t.teardown(() => removeTestSweep(dir));

  const groups = await queryStore(
    dir,
    `SELECT "model_successRate_uniform_0_" AS low, count(*)::INTEGER AS n,
       sum(ends_on_worst::INTEGER)::INTEGER AS worst, sum(ends_on_opt::INTEGER)::INTEGER AS opt,
       sum(CASE WHEN acc_final > acc0 THEN 1 ELSE 0 END)::INTEGER AS improved,
       sum(CASE WHEN d_acc0 > 0 THEN 1 ELSE 0 END)::INTEGER AS rose,
       sum(CASE WHEN acc_peak > acc0 + 1e-6 AND drop > 1e-3 THEN 1 ELSE 0 END)::INTEGER AS rose_then_fell
     FROM runs GROUP BY 1 ORDER BY 1`,
  );
  t.equal(groups.length, 2);
  const [symmetric, ranked] = groups;
  t.equal(symmetric.n, 120);
  // Every run ends on one of the two extreme patterns.
  t.equal(Number(symmetric.worst) + Number(symmetric.opt), 120, 'ends on the best or on the worst pattern');
  const w = wilsonInterval(Number(symmetric.worst), 120);
  t.ok(w.low < 0.5 && w.high > 0.5, `ends on worst: ${symmetric.worst}/120 (95% ${w.low.toFixed(2)}-${w.high.toFixed(2)})`);
  t.ok(Number(symmetric.rose_then_fell) > 0, `${symmetric.rose_then_fell} runs: accuracy rose at first, then fell`);
  // The theorem's assumption (correct answer ranked first): accuracy rises and training ends on r*.
  t.equal(ranked.opt, 120, 'low = 0.5: every run ends on the optimal pattern');
  t.equal(ranked.rose, 120, 'low = 0.5: accuracy rises at first in every run');
  t.equal(ranked.improved, 120);
});
