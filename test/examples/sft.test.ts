/**
 * sft.yaml, scaled down, through the real pipeline: an SFT warm start toward
 * r* shortens the regime-2 entanglement phase T0 of a weak base model and,
 * with enough steps, moves it into regime 1 (docs/model.md §4, Regime 2 and the
 * two-pattern law: weak base models escape slowly).
 */
import t from 'tap';
import { loadExample, queryStore, removeTestSweep, runTestSweep } from './in-process-sweep.js';

t.test('sft: warm start lowers T0 and changes the regime', async (t) => {
  const doc = await loadExample('sft.yaml');
  doc.backend = 'js';
  doc.grid = { 'sft.steps': [0, 10, 30, 300], 'sft.rate': [0.1] };
  const { dir } = await runTestSweep(doc);
  t.teardown(() => removeTestSweep(dir));

  const runs = await queryStore(dir, 'SELECT "sft_steps" AS steps, regime, t_escape, t_conv FROM runs ORDER BY steps');
  t.same(runs.map((r) => r.steps), [0, 10, 30, 300]);
  t.equal(runs[0].regime, 2, 'the base model is in regime 2');
  t.equal(runs[3].regime, 1, '300 SFT steps move it to regime 1');
  t.equal(Number(runs[3].t_escape), 0, 'in regime 1 there is no entanglement phase');
  const t0 = runs.slice(0, 3).map((r) => Number(r.t_escape));
  t.ok(t0[0] > t0[1] && t0[1] > t0[2], `T0 falls with SFT steps: ${t0.map((x) => x.toPrecision(3)).join(' > ')}`);
  t.ok(t0[0] / t0[2] > 100, `30 steps shorten T0 more than 100-fold (${(t0[0] / t0[2]).toPrecision(3)}x)`);
  const tConv = runs.map((r) => Number(r.t_conv));
  t.ok(tConv[3] < tConv[0] / 100, `time to converge ${tConv[0].toPrecision(3)} -> ${tConv[3].toPrecision(3)}`);
});
