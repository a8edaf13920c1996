/**
 * model/closed-forms.ts against the flow and by hand (docs/model.md §4.2):
 * pi_beta of eq. (22) is where a long run with beta > 0 lands, also for a
 * beta so small that exp(R/beta) overflows without the shift; G of eq. (21)
 * at known points.
 */
import t from 'tap';
import { klOptimum, twoPatternG, twoPatternTime } from '../../model/closed-forms.js';
import { simulateRun } from '../../model/js/index.js';
import { makeBatch } from './make-batch.js';

t.test('pi_beta is the end point of a long run with beta > 0', async (t) => {
  const p = [0.9, 0.6, 0.3, 0.1];
  const reference = [0.1, 0.4, 0.3, 0.2];
  for (const beta of [0.1, 0.3, 2]) {
    const expected = klOptimum(reference, p, beta);
    t.ok(Math.abs(expected.reduce((a, b) => a + b, 0) - 1) < 1e-15, 'sums to 1');
    const run = simulateRun(
      makeBatch({ patterns: 4, algorithm: 'adaptive' }, [{ successRate: p, initialPattern: [0.25, 0.25, 0.25, 0.25], referencePattern: reference, beta, tMax: 1e6, tolerance: 1e-10 }]),
      0,
    );
    t.ok(Math.abs(run.stats.pi_opt_final - expected[0]) < 1e-7, `beta ${beta}: pi(r*) ${run.stats.pi_opt_final} vs pi_beta(r*) ${expected[0]}`);
  }
  // exp(0.9 / 1e-3) overflows; the shifted form does not.
  const sharp = klOptimum(reference, p, 1e-3);
  t.equal(sharp[0], 1, `beta 1e-3: pi_beta = ${Array.from(sharp).join(', ')}`);
  const ratio = (0.4 / 0.1) * Math.exp((0.6 - 0.9) / 1e-3); // pi_beta(1) / pi_beta(0)
  t.ok(Math.abs(sharp[1] / ratio - 1) < 1e-12, 'and the small entries keep their relative precision');
});

t.test('G of the two-pattern law', async (t) => {
  t.equal(twoPatternG(0.5), 0, 'G(1/2) = 0 by symmetry');
  t.ok(Math.abs(twoPatternG(0.25) - (4 / 3 - 4 + 2 * Math.log(1 / 3))) < 1e-15);
  t.ok(Math.abs(twoPatternG(0.8) + twoPatternG(0.2)) < 1e-12, 'odd about 1/2');
  t.ok(Math.abs(twoPatternTime(1e-4, 0.5, 0.4) * 2 * 0.4 * 1e-4 - 1.00174) < 1e-5, 'about 1/(2 Delta q0) for small q0');
});
