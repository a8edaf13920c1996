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
