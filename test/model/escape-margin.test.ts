/**
 * t_escape far out in regime 2 (docs/model.md §4): at large gamma pi(r*) sinks
 * to ~1e-16 on plateaus of 1e15+ time units, so ACC - p(r') is far below
 * ACC's rounding error. `adaptive` decides the escape on the margin summed
 * term by term (flow.ts escapeMargin), so T0 keeps following its power law
 * in gamma there; compared on ACC itself, rounding noise crossed p(r')
 * early and T0 fell as gamma grew.
 */
import t from 'tap';
import { simulateBatch } from '../../model/js/index.js';
import { RunRecorder } from '../../model/js/recorder.js';
import { makeBatch, type RunParams } from './make-batch.js';

/** regime2-wide of docs/findings-run.sh: p = (0.9, p', 0.1 x5), pi_0 = pi_ref = (0.3/gamma, 0.7, rest equal). */
function regimeTwo(gamma: number, rival: number): RunParams {
  const rest = (1 - 0.7 - 0.3 / gamma) / 5;
  return {
    successRate: [0.9, rival, 0.1, 0.1, 0.1, 0.1, 0.1],
    initialPattern: [0.3 / gamma, 0.7, rest, rest, rest, rest, rest],
    tMax: 1e30,
    maxSteps: 1e6,
    tolerance: 1e-7,
    stepSize: 0.01,
  };
}

t.test('T0 keeps growing like a power of gamma up to gamma = 1000 (p(r\') = 0.8)', async (t) => {
  const gammas = [126, 178, 251, 355, 501, 708, 1000];
  const batch = makeBatch({ patterns: 7, algorithm: 'adaptive' }, gammas.map((g) => regimeTwo(g, 0.8)));
  const c = simulateBatch(batch).columns;
  const t0 = gammas.map((_, i) => c.t_escape[i]);
  for (let i = 0; i < gammas.length; i++) {
    t.equal(c.regime[i], 2, `gamma ${gammas[i]} starts in regime 2`);
    t.equal(c.escaped[i], 1, `gamma ${gammas[i]} escapes (T0 = ${t0[i].toExponential(3)})`);
  }
  t.ok(t0[gammas.length - 1] > 1e17, `T0 at gamma 1000 is ${t0[gammas.length - 1].toExponential(3)}`);
  for (let i = 1; i < gammas.length; i++) {
    const slope = Math.log(t0[i] / t0[i - 1]) / Math.log(gammas[i] / gammas[i - 1]);
    // Between gamma 126 and 251 (T0 < 1e15) the local slope is ~6 (README, Findings).
    t.ok(slope > 5 && slope < 7, `local log-log slope ${slope.toFixed(2)} between gamma ${gammas[i - 1]} and ${gammas[i]}`);
  }
});

t.test('the recorder decides the escape on the margin it is given, not on ACC', async (t) => {
  const recorder = new RunRecorder(0);
  const level = 0.8;
  // ACC rounds to just above p(r') while the true margin is still negative.
  recorder.start(0.8, 0.01, 0.99, level, 1, 10, NaN, -2e-20);
  recorder.record(1, 0.8000000000000002, 0.01, NaN, -1e-20);
  t.ok(Number.isNaN(recorder.tEscape), 'no escape while the margin is negative');
  recorder.record(2, 0.8000000000000002, 0.01, NaN, 3e-20);
  t.equal(recorder.tEscape, 1.25, 'linear crossing of the margin inside the step');
  // Without a margin the recorder compares ACC itself, as before.
  const plain = new RunRecorder(0);
  plain.start(0.79, 0.01, 0.99, level, 1, 10);
  plain.record(1, 0.81, 0.01);
  t.ok(Math.abs(plain.tEscape - 0.5) < 1e-12, `ACC crossing at ${plain.tEscape}`);
});
