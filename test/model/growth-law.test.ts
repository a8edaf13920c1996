/**
 * The regime-2 growth law (docs/model.md §4.3, eq. (29)): with RLVR, beta = 0
 * and pi_0 = pi_ref = {gamma, rival: rho}, T0 gamma^-(R-1) tends to the
 * closed-form K of the plateau dynamics as gamma grows, at fixed R.
 */
import t from 'tap';
import { regimeTwoGrowthConstant } from '../../model/closed-forms.js';
import { simulateBatch } from '../../model/js/index.js';
import { makeBatch, type RunParams } from './make-batch.js';

const RHO = 0.7;

function tiered(R: number, rival: number, gamma: number): RunParams {
  const rest = (1 - RHO - (1 - RHO) / gamma) / (R - 2);
  return {
    successRate: [0.9, rival, ...Array.from({ length: R - 2 }, () => 0.1)],
    initialPattern: [(1 - RHO) / gamma, RHO, ...Array.from({ length: R - 2 }, () => rest)],
    tMax: 1e300,
    maxSteps: 1e6,
    tolerance: 1e-9,
  };
}

t.test('K by hand for R = 4, p = (0.9, 0.7, 0.1, 0.1), rho = 0.7', async (t) => {
  // a = 2/3, I = a^3/3 - a^4/4 = 4/81, K = I rho delta^2 / (2^2 Delta^3 (1 - rho)).
  const expected = ((4 / 81) * 0.7 * 0.6 ** 2) / (4 * 0.2 ** 3 * 0.3);
  const K = regimeTwoGrowthConstant({ patterns: 4, optimal: 0.9, rival: 0.7, rest: 0.1, rivalShare: RHO });
  t.ok(Math.abs(K / expected - 1) < 1e-12, `K = ${K}`);
});

t.test('T0 gamma^-(R-1) approaches K for R = 4, 7, 10', async (t) => {
  const gammas = [30, 300, 3000];
  for (const R of [4, 7, 10]) {
    for (const rival of [0.6, 0.7, 0.8]) {
      const K = regimeTwoGrowthConstant({ patterns: R, optimal: 0.9, rival, rest: 0.1, rivalShare: RHO });
      const c = simulateBatch(makeBatch({ patterns: R, algorithm: 'adaptive' }, gammas.map((g) => tiered(R, rival, g)))).columns;
      const ratios = gammas.map((g, i) => c.t_escape[i] / g ** (R - 1) / K);
      for (let i = 0; i < gammas.length; i++) t.equal(c.regime[i], 2, `R ${R} p' ${rival} gamma ${gammas[i]}: regime 2`);
      // Measured (docs/model.md §4.3): within 3% at gamma = 3000 for every case, 0.05% for p' = 0.7.
      t.ok(Math.abs(ratios[2] - 1) < 0.03, `R ${R} p' ${rival}: T0 gamma^-(R-1) / K = ${ratios.map((r) => r.toFixed(4)).join(', ')}`);
      t.ok(Math.abs(ratios[1] - 1) < Math.max(0.12, Math.abs(ratios[0] - 1)), 'nearer 1 at gamma 300 than at 30 (or within 12%)');
    }
  }
});
