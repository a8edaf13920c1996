/**
 * Regimes 1 and 2 of docs/model.md §4 (Thm 5.3, Thm 5.4) on the exact flow.
 */
import t from 'tap';
import { simulateRun } from '../../model/index.js';
import { makeBatch } from './make-batch.js';

t.test('regime 1: pi(r*) rises monotonically to 1', async (t) => {
  // ACC_ref = 0.55 > p(r) for every r != r*.
  const run = { successRate: [0.9, 0.5, 0.4, 0.3], initialPattern: [0.4, 0.2, 0.2, 0.2], tMax: 1e5, stepSize: 0.01, tolerance: 1e-9, epsilon: 1e-3 };
  for (const algorithm of ['adaptive', 'euler'] as const) {
    const tMax = algorithm === 'euler' ? 200 : run.tMax;
    const result = simulateRun(makeBatch({ patterns: 4, algorithm, trajectoryPoints: 200 }, [{ ...run, tMax }]), 0);
    t.equal(result.stats.regime, 1);
    const piOpt = result.trajectory!.piOpt;
    let decreases = 0;
    for (let k = 1; k < piOpt.length; k++) if (piOpt[k] < piOpt[k - 1]) decreases++;
    t.equal(decreases, 0, `${algorithm}: pi(r*) never decreases over ${piOpt.length} samples`);
    t.ok(piOpt[0] >= 0.4 && piOpt[0] < 0.41, `starts near 0.4 (${piOpt[0]})`);
    if (algorithm === 'adaptive') {
      t.ok(result.stats.pi_opt_final > 1 - 1e-3, `ends near 1 (${result.stats.pi_opt_final})`);
      t.equal(result.stats.converged, 1);
      t.equal(result.stats.t_escape, 0, 'ACC starts above p(r\'): t_escape = 0');
    }
    t.ok(result.stats.d_acc0 > 0);
  }
});

/** Regime-2 setup of the paper's simulation: p = (0.9, 0.6, 0.1 x5), pi_ref = (0.3/gamma, 0.7, rest equal). */
function regime2(gamma: number, trajectoryPoints: number) {
  const reference = [0.3 / gamma, 0.7, ...Array.from({ length: 5 }, () => (0.3 - 0.3 / gamma) / 5)];
  const batch = makeBatch({ patterns: 7, algorithm: 'adaptive', trajectoryPoints }, [
    { successRate: [0.9, 0.6, 0.1, 0.1, 0.1, 0.1, 0.1], initialPattern: reference, tMax: 1e7, stepSize: 0.01, tolerance: 1e-9, epsilon: 1e-3 },
  ]);
  return simulateRun(batch, 0);
}

/** First time a sampled path exceeds `level`, linearly interpolated between samples. */
function firstPassage(time: Float64Array, values: Float64Array, level: number): number {
  for (let k = 1; k < values.length; k++) {
    if (values[k] > level && values[k - 1] <= level) {
      return time[k - 1] + ((level - values[k - 1]) / (values[k] - values[k - 1])) * (time[k] - time[k - 1]);
    }
  }
  return NaN;
}

t.test('regime 2, gamma = 6: pi(r*) first falls to about 0.02, ACC plateaus under 0.6, then converges to 0.9', async (t) => {
  const result = regime2(6, 2000);
  t.equal(result.stats.regime, 2);
  const { time, acc, piOpt } = result.trajectory!;
  let minPi = Infinity;
  let argMin = 0;
  for (let k = 0; k < piOpt.length; k++) if (piOpt[k] < minPi) [minPi, argMin] = [piOpt[k], k];
  t.ok(minPi > 0.01 && minPi < 0.03, `minimum pi(r*) ${minPi}`);
  t.ok(piOpt[0] > minPi * 2, 'pi(r*) falls first');
  // Plateau: at the bottom of pi(r*), ACC sits just under p(r') = 0.6.
  t.ok(acc[argMin] > 0.58 && acc[argMin] < 0.6, `ACC on the plateau ${acc[argMin]} at t = ${time[argMin]}`);
  t.ok(result.stats.t_escape > time[argMin], 'escape after the bottom');
  t.ok(Math.abs(result.stats.acc_final - 0.9) < 1e-3, `ACC ends at ${result.stats.acc_final}`);
  t.equal(result.stats.ends_on_opt, 1);
  t.ok(result.stats.d_acc0 > 0, 'ACC rises at first (pi(r\') grows)');
});

t.test('regime 2: the log-log slope of T0 rises over gamma 4..20 (towards R - 1, docs/model.md §4.3)', async (t) => {
  // T0 = first time ACC passes p(r') + 1% of (p(r*) - p(r')), from a dense log-spaced trajectory.
  const level = 0.6 + 0.01 * (0.9 - 0.6);
  const gammas = [4, 6, 9, 14, 20];
  const T0 = gammas.map((gamma) => {
    const result = regime2(gamma, 4000);
    t.equal(result.stats.regime, 2, `gamma ${gamma}: regime 2`);
    t.ok(result.stats.steps_taken < 5000, `gamma ${gamma}: ${result.stats.steps_taken} adaptive steps`);
    const value = firstPassage(result.trajectory!.time, result.trajectory!.acc, level);
    // t_escape (ACC > p(r')) is a little earlier than T0.
    t.ok(result.stats.t_escape < value, `gamma ${gamma}: t_escape ${result.stats.t_escape} < T0 ${value}`);
    return value;
  });
  const slopes = T0.slice(1).map((T, k) => Math.log(T / T0[k]) / Math.log(gammas[k + 1] / gammas[k]));
  t.comment(`T0 = ${T0.map((x) => x.toPrecision(4)).join(', ')}; slopes ${slopes.map((s) => s.toFixed(2)).join(', ')}`);
  for (let k = 1; k < slopes.length; k++) t.ok(slopes[k] > slopes[k - 1], `slope ${slopes[k]} > ${slopes[k - 1]}`);
  t.ok(T0[4] > 5e4, 'the gamma = 20 plateau lasts > 5e4 time units');
});
