/**
 * kl.yaml, scaled down, through the real pipeline: docs/model.md §4 Prop. 5.2, a long
 * run with beta > 0 lands on pi_beta(r) = pi_ref(r) exp(p(r)/beta) / Z. Checked
 * through three statistics of the final policy: pi(r*), its entropy and
 * KL(pi || pi_ref), each within 1e-6 of the closed form.
 */
import t from 'tap';
import { loadExample, queryStore, removeTestSweep, runTestSweep } from './in-process-sweep.js';

/** Closed-form fixed point and its statistics (docs/model.md §4). */
function fixedPoint(p: number[], ref: number[], beta: number): { piOpt: number; entropy: number; kl: number } {
  const w = ref.map((r, i) => r * Math.exp(p[i] / beta));
  const z = w.reduce((a, b) => a + b, 0);
  const pi = w.map((x) => x / z);
  return {
    piOpt: pi[0],
    entropy: -pi.reduce((a, x) => a + x * Math.log(x), 0),
    kl: pi.reduce((a, x, i) => a + x * Math.log(x / ref[i]), 0),
  };
}

t.test('kl: the final policy is pi_ref exp(R/beta) / Z', async (t) => {
  const doc = await loadExample('kl.yaml');
  doc.backend = 'js';
  doc.grid = { beta: [0.2, 1] };
  doc.horizon = { tMax: 1e5, maxSteps: 1000000 };
  const p: number[] = doc.model.successRate;
  const ref: number[] = doc.model.initialPattern;
  t.equal(p[0], Math.max(...p), 'pattern 0 is r*');
  const { dir } = await runTestSweep(doc);
  t.teardown(() => removeTestSweep(dir));

  const runs = await queryStore(dir, 'SELECT beta, pi_opt_final, entropy_final, kl_ref_final FROM runs ORDER BY beta');
  t.equal(runs.length, 2);
  for (const r of runs) {
    const beta = Number(r.beta);
    const expected = fixedPoint(p, ref, beta);
    for (const [name, got, want] of [
      ['pi(r*)', r.pi_opt_final, expected.piOpt],
      ['entropy', r.entropy_final, expected.entropy],
      ['KL to pi_ref', r.kl_ref_final, expected.kl],
    ] as const) {
      const error = Math.abs(Number(got) - want);
      t.ok(error < 1e-6, `beta=${beta}: ${name} ${Number(got).toPrecision(10)} vs ${want.toPrecision(10)} (|error| ${error.toExponential(1)})`);
    }
  }
});

t.test('kl-regime2: small beta shortens T0; large beta ends on pi_beta, on the rival, or never escapes', async (t) => {
  const doc = await loadExample('kl-regime2.yaml');
  doc.backend = 'js';
  doc.grid = { 'model.initialPattern.gamma': [16], beta: [0, 0.01, 0.1, 0.3] };
  const { dir } = await runTestSweep(doc);
  t.teardown(() => removeTestSweep(dir));

  const runs = await queryStore(dir, 'SELECT beta, regime, t_escape, escaped::INTEGER AS escaped, final_argmax, pi_opt_final FROM runs ORDER BY beta');
  t.equal(runs.length, 4);
  const [free, small, large, huge] = runs;
  for (const r of runs) t.equal(r.regime, 2, `beta ${r.beta}: regime 2`);
  // Measured: T0 = 2.92e5 (beta 0), 7.63e4 (0.01), 1.57e3 (0.1); censored at 0.3.
  t.ok(Number(small.t_escape) < Number(free.t_escape) / 3, `T0 ${small.t_escape} (beta 0.01) vs ${free.t_escape} (beta 0)`);
  t.ok(Number(large.t_escape) < Number(small.t_escape) / 10, `T0 ${large.t_escape} (beta 0.1)`);
  t.equal(huge.escaped, 0, 'beta 0.3: the accuracy of pi_beta is below p(r\'), no escape');
  t.equal(free.final_argmax, 0);
  // beta_c = 0.2 / ln(0.7 * 16 / 0.3) = 0.055 (docs/model.md eq. (30)): above it the run ends on the rival.
  t.equal(large.final_argmax, 1, 'beta 0.1 > beta_c: ends on the rival');
  const p = [0.9, 0.7, 0.1, 0.1, 0.1, 0.1, 0.1];
  const rest = (0.3 - 0.3 / 16) / 5;
  const ref = [0.3 / 16, 0.7, rest, rest, rest, rest, rest];
  for (const r of [large, huge]) {
    const want = fixedPoint(p, ref, Number(r.beta)).piOpt;
    t.ok(Math.abs(Number(r.pi_opt_final) - want) < 1e-6, `beta ${r.beta}: final pi(r*) ${r.pi_opt_final} vs pi_beta(r*) ${want}`);
  }
});
