/**
 * Event times of `adaptive` runs (docs/model.md §3.4, §5): t_conv, t_escape,
 * the ACC peak and the trajectory samples are all located on the cubic
 * Hermite interpolant of a step, so at the default tolerance 1e-6 they are
 * within 5e-4 (relative) of a tight reference: the two-pattern closed form
 * (eq. (21)) and the same run at tolerance 1e-11. Boundary ties
 * |ACC_0 - p(r')| <= 1e-12 (eq. (19)) get a regime and t_escape from the
 * sign of dACC/dt at t = 0.
 */
import t from 'tap';
import { twoPatternTime } from '../../model/closed-forms.js';
import { simulateBatch } from '../../model/js/index.js';
import { RunRecorder } from '../../model/js/recorder.js';
import { ESCAPE_TIE } from '../../model/js/run-setup.js';
import { makeBatch, type RunParams } from './make-batch.js';

const DEFAULT_TOLERANCE = 1e-6;
const REFERENCE_TOLERANCE = 1e-11;
const BOUND = 5e-4;

const relative = (x: number, y: number): number => Math.abs(x / y - 1);

t.test('two patterns: t_conv at tolerance 1e-6 is within 5e-4 of G(q_t) = G(q_0) + 2 Delta t', async (t) => {
  const runs: RunParams[] = [];
  const cases: { delta: number; q0: number; eps: number }[] = [];
  for (const delta of [0.4, 0.1]) {
    for (const q0 of [1e-4, 1e-3, 1e-2, 0.1, 0.3]) {
      for (const eps of [0.5, 1e-2, 1e-4]) {
        cases.push({ delta, q0, eps });
        runs.push({
          successRate: [0.5 + delta / 2, 0.5 - delta / 2],
          initialPattern: [q0, 1 - q0],
          epsilon: eps,
          tMax: 1e9,
          maxSteps: 1e6,
          tolerance: DEFAULT_TOLERANCE,
        });
      }
    }
  }
  const c = simulateBatch(makeBatch({ patterns: 2, algorithm: 'adaptive' }, runs)).columns;
  let worst = 0;
  cases.forEach(({ delta, q0, eps }, i) => {
    const exact = twoPatternTime(q0, 1 - eps, delta);
    t.equal(c.converged[i], 1);
    worst = Math.max(worst, relative(c.t_conv[i], exact));
    t.ok(relative(c.t_conv[i], exact) < BOUND, `Delta ${delta} q0 ${q0} eps ${eps}: t_conv ${c.t_conv[i]}, closed form ${exact}`);
  });
  t.ok(worst > 0, `worst relative error ${worst.toExponential(2)} (not identically 0: the test can fail)`);
});

/** examples/regime1.yaml rows: p = (0.9, 0.5, 0.1 x3), pi_0 = (q, rest equal). */
function regimeOne(q: number, eps: number, tolerance: number): RunParams {
  const rest = (1 - q) / 4;
  return { successRate: [0.9, 0.5, 0.1, 0.1, 0.1], initialPattern: [q, rest, rest, rest, rest], epsilon: eps, tMax: 1e7, maxSteps: 1e6, tolerance };
}

/** examples/regime2.yaml rows: p = (0.9, p', 0.1 x5), pi_0 = (0.3/gamma, 0.7, rest equal). */
function regimeTwo(gamma: number, rival: number, tolerance: number): RunParams {
  const rest = (1 - 0.7 - 0.3 / gamma) / 5;
  return {
    successRate: [0.9, rival, 0.1, 0.1, 0.1, 0.1, 0.1],
    initialPattern: [0.3 / gamma, 0.7, rest, rest, rest, rest, rest],
    epsilon: 0.01,
    tMax: 1e9,
    maxSteps: 1e6,
    tolerance,
  };
}

t.test('regimes 1 and 2: event times at tolerance 1e-6 are within 5e-4 of the run at 1e-11', async (t) => {
  const settings: { label: string; at: (tolerance: number) => RunParams; patterns: number }[] = [];
  for (const q of [0.5, 0.6, 0.8]) {
    for (const eps of [1e-4, 1e-3, 1e-2, 1e-1]) settings.push({ label: `regime 1 q ${q} eps ${eps}`, at: (tol) => regimeOne(q, eps, tol), patterns: 5 });
  }
  for (const [gamma, rival] of [[2, 0.6], [6, 0.7], [26, 0.8]]) {
    settings.push({ label: `regime 2 gamma ${gamma} p' ${rival}`, at: (tol) => regimeTwo(gamma, rival, tol), patterns: 7 });
  }
  for (const { label, at, patterns } of settings) {
    const c = simulateBatch(makeBatch({ patterns, algorithm: 'adaptive' }, [at(DEFAULT_TOLERANCE), at(REFERENCE_TOLERANCE)])).columns;
    t.ok(relative(c.t_conv[0], c.t_conv[1]) < BOUND, `${label}: t_conv ${c.t_conv[0]} vs ${c.t_conv[1]}`);
    if (c.t_escape[1] > 0) t.ok(relative(c.t_escape[0], c.t_escape[1]) < BOUND, `${label}: t_escape ${c.t_escape[0]} vs ${c.t_escape[1]}`);
  }
  // The case of the issue: gamma = 2, p' = 0.6 gave t_conv 199.99 (pi(r*) linear in the step) against 196.69.
  const c = simulateBatch(makeBatch({ patterns: 7, algorithm: 'adaptive' }, [regimeTwo(2, 0.6, DEFAULT_TOLERANCE)])).columns;
  t.ok(Math.abs(c.t_conv[0] - 196.69) < 0.1, `gamma 2: t_conv ${c.t_conv[0]}`);
});

// A cubic path over one step of 10, reproduced exactly by the Hermite interpolant of its end values and slopes.
const cubic = (a: number, b: number, c: number, d: number) => ({
  value: (x: number) => a + x * (b + x * (c + x * d)),
  rate: (x: number) => b + x * (2 * c + 3 * x * d),
});

t.test('the recorder puts t_conv, the ACC peak and the pi(r*) samples on the cubic', async (t) => {
  // pi(r*)(t) rises from 0.2 to 1 along a cubic; t_conv is its crossing of 0.5 (eps = 0.5).
  const pi = cubic(0.2, 0.01, 0.009, -0.0002);
  // ACC(t) rises and falls inside the step: maximum where its rate vanishes.
  const acc = cubic(0.5, 0.06, -0.004, -0.0001);
  let lo = 0;
  let hi = 10;
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    if (pi.value(mid) >= 0.5) hi = mid;
    else lo = mid;
  }
  const crossing = (lo + hi) / 2;
  const peakTime = (-2 * -0.004 - Math.sqrt(4 * 0.004 ** 2 + 12 * 0.0001 * 0.06)) / (6 * -0.0001);
  const recorder = new RunRecorder(4);
  recorder.start(acc.value(0), pi.value(0), 0.5, 2, 1, 10, acc.rate(0), acc.value(0) - 2, false, pi.rate(0));
  recorder.record(10, acc.value(10), pi.value(10), acc.rate(10), acc.value(10) - 2, pi.rate(10));
  t.ok(Math.abs(recorder.tConv - crossing) < 1e-9, `t_conv ${recorder.tConv} vs ${crossing}`);
  const chord = (10 * (0.5 - pi.value(0))) / (pi.value(10) - pi.value(0));
  t.ok(Math.abs(chord - crossing) > 0.1, `the chord (${chord}) would be off: the test tells them apart`);
  t.ok(peakTime > 0 && peakTime < 10, `the peak (${peakTime}) is inside the step`);
  t.ok(Math.abs(recorder.tPeak - peakTime) < 1e-9, `t_peak ${recorder.tPeak} vs ${peakTime}`);
  t.ok(Math.abs(recorder.accPeak - acc.value(peakTime)) < 1e-12, `acc_peak ${recorder.accPeak} vs ${acc.value(peakTime)}`);
  for (let k = 0; k < 4; k++) {
    const time = recorder.sampleTimes[k];
    t.ok(Math.abs(recorder.samplePiOpt[k] - pi.value(time)) < 1e-12, `pi(r*)(${time}) = ${recorder.samplePiOpt[k]}, exact ${pi.value(time)}`);
  }
});

t.test('a run whose ACC only rises keeps acc_peak = acc_final and t_peak = t_final', async (t) => {
  const c = simulateBatch(makeBatch({ patterns: 5, algorithm: 'adaptive' }, [regimeOne(0.6, 1e-4, DEFAULT_TOLERANCE)])).columns;
  t.equal(c.drop[0], 0);
  t.equal(c.t_peak[0], c.t_final[0]);
});

t.test('a rising and falling ACC has its peak inside a step: t_peak within 5e-4, acc_peak within 5e-5', async (t) => {
  // Self-certainty (docs/model.md §2) favours p far from 1/2: ACC first rises (r* gains from the
  // p = 0.6 pattern), peaks near t = 6.58, then falls as the worst pattern (p = 0.05) takes over.
  const run: RunParams = { successRate: [0.9, 0.05, 0.6], initialPattern: [0.3, 0.1, 0.6], tMax: 500 };
  const [loose, tight] = [DEFAULT_TOLERANCE, REFERENCE_TOLERANCE].map(
    (tolerance) => simulateBatch(makeBatch({ patterns: 3, algorithm: 'adaptive', reward: 'self-certainty' }, [{ ...run, tolerance }])).columns,
  );
  t.ok(tight.drop[0] > 0.5 && tight.t_peak[0] > 6 && tight.t_peak[0] < 7, `ACC peaks at ${tight.t_peak[0]}, then falls by ${tight.drop[0]}`);
  t.ok(loose.steps_taken[0] < 40, `in few long steps (${loose.steps_taken[0]}): the grid alone put t_peak at 7.86`);
  t.ok(relative(loose.t_peak[0], tight.t_peak[0]) < BOUND, `t_peak ${loose.t_peak[0]} vs ${tight.t_peak[0]}`);
  t.ok(Math.abs(loose.acc_peak[0] - tight.acc_peak[0]) < 5e-5, `acc_peak ${loose.acc_peak[0]} vs ${tight.acc_peak[0]}`);
});

t.test('boundary ties |ACC_0 - p(r\')| <= 1e-12 (docs/model.md eq. (19))', async (t) => {
  t.equal(ESCAPE_TIE, 1e-12);
  // pi_0 uniform over p = (0.9, 0.6, 0.3): ACC_0 = 0.6 = p(r') up to rounding.
  const uniform = [1 / 3, 1 / 3, 1 / 3];
  const tie = (rival: number, extra: Partial<RunParams> = {}): RunParams => ({
    successRate: [0.9, rival, 0.3],
    initialPattern: uniform,
    tMax: 1e4,
    epsilon: 0.01,
    tolerance: DEFAULT_TOLERANCE,
    ...extra,
  });
  const runs = [
    tie(0.6),
    tie(0.6 + 1e-13),
    tie(0.6 - 1e-13),
    tie(0.6 + 1e-9),
    tie(0.6 - 1e-9),
    // ACC falls at t = 0: KL towards a reference on the worst pattern.
    tie(0.6, { referencePattern: [0.01, 0.01, 0.98], beta: 1 }),
  ];
  for (const algorithm of ['adaptive', 'euler'] as const) {
    const c = simulateBatch(makeBatch({ patterns: 3, algorithm }, runs)).columns;
    for (const i of [0, 1, 2]) {
      t.equal(c.regime[i], 1, `${algorithm} row ${i}: a tie with ACC rising is regime 1`);
      t.equal(c.t_escape[i], 0, `${algorithm} row ${i}: t_escape = 0`);
    }
    t.equal(c.regime[3], 2, `${algorithm}: 1e-9 below p(r') is regime 2`);
    t.ok(c.t_escape[3] > 0 && c.t_escape[3] < 1e-6, `${algorithm}: and escapes at once (${c.t_escape[3]})`);
    t.equal(c.regime[4], 1, `${algorithm}: 1e-9 above p(r') is regime 1`);
    t.ok(c.d_acc0[5] < 0, 'the last row starts with ACC falling');
    t.equal(c.regime[5], 3, `${algorithm}: a tie with ACC falling is neither regime`);
    t.equal(c.escaped[5], 0, `${algorithm}: and it never rises above p(r') (pi_beta's ACC is below it), not t_escape = 1e-15`);
  }
});
