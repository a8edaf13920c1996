/**
 * Event location inside a step (model/js/recorder.ts): with dACC/dt at both
 * ends the ACC crossing and samples follow the cubic Hermite interpolant;
 * without rates they follow a straight line. Checked on a cubic ACC(t), which
 * the Hermite interpolant reproduces exactly, against its known root.
 */
import t from 'tap';
import { RunRecorder } from '../../model/js/recorder.js';

// ACC(t) = 0.2 + 0.6 s^2 (3 - 2 s), s = t / 10: a smoothstep from 0.2 to 0.8 over one step of 10.
const acc = (time: number): number => {
  const s = time / 10;
  return 0.2 + 0.6 * s * s * (3 - 2 * s);
};
// The time ACC crosses `level`, found independently by bisection in float64.
function root(level: number): number {
  let lo = 0;
  let hi = 10;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (acc(mid) > level) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

t.test('with rates at both ends, t_escape is the root of the cubic, not of the chord', async (t) => {
  const recorder = new RunRecorder(0);
  // Escape threshold 0.35; pi(r*) stays below the convergence threshold.
  recorder.start(acc(0), 0.1, 0.99, 0.35, 1, 10, 0);
  recorder.record(10, acc(10), 0.2, 0);
  const exact = root(0.35);
  t.ok(Math.abs(recorder.tEscape - exact) < 1e-9, `t_escape ${recorder.tEscape} vs exact ${exact}`);
  const chord = (10 * (0.35 - 0.2)) / 0.6;
  t.ok(Math.abs(chord - exact) > 0.5, 'the straight line would be far off, so the test can tell them apart');
});

t.test('without rates the crossing is linear (fixed-step rules keep their bits)', async (t) => {
  const recorder = new RunRecorder(0);
  recorder.start(acc(0), 0.1, 0.99, 0.35, 1, 10);
  recorder.record(10, acc(10), 0.2);
  // The chord from (0, ACC(0)) to (10, ACC(10)), evaluated as the recorder does.
  t.equal(recorder.tEscape, ((0.35 - acc(0)) / (acc(10) - acc(0))) * 10);
});

t.test('ACC samples inside a step follow the cubic when rates are given', async (t) => {
  const recorder = new RunRecorder(3); // samples at 1, sqrt(10), 10
  recorder.start(acc(0), 0.1, 0.99, 0.9, 1, 10, 0);
  recorder.record(10, acc(10), 0.2, 0);
  for (let k = 0; k < 3; k++) {
    const time = recorder.sampleTimes[k];
    t.ok(Math.abs(recorder.sampleAcc[k] - acc(time)) < 1e-12, `ACC(${time}) = ${recorder.sampleAcc[k]}, exact ${acc(time)}`);
  }
});
