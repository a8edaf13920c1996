/**
 * The statistics conventions of model/stats.ts on small, checkable runs.
 */
import t from 'tap';
import type { BatchShape } from '../../model/batch.js';
import { allocateStats, jsBackend, simulateRun, STAT_NAMES } from '../../model/index.js';
import { makeBatch, type RunParams } from './make-batch.js';

function run(shape: Partial<BatchShape> & { patterns: number }, params: RunParams) {
  return simulateRun(makeBatch(shape, [params]), 0);
}

t.test('acc0 and d_acc0 match the formulas of docs/model.md §1, §3', async (t) => {
  const p = [0.7, 0.4, 0.1];
  const pi = [0.2, 0.5, 0.3];
  const ref = [0.3, 0.3, 0.4];
  const beta = 0.3;
  const acc = pi.reduce((a, q, r) => a + q * p[r], 0);
  const l = pi.map((q, r) => Math.log(q / ref[r]));
  const kl = pi.reduce((a, q, r) => a + q * l[r], 0);
  const dz = pi.map((q, r) => q * (p[r] - acc - beta * (l[r] - kl)));
  const meanDz = pi.reduce((a, q, r) => a + q * dz[r], 0);
  const dAcc = pi.reduce((a, q, r) => a + p[r] * q * (dz[r] - meanDz), 0);
  const result = run({ patterns: 3 }, { successRate: p, initialPattern: pi, referencePattern: ref, beta, tMax: 1 });
  t.ok(Math.abs(result.stats.acc0 - acc) < 1e-15, `acc0 ${result.stats.acc0}`);
  t.ok(Math.abs(result.stats.d_acc0 - dAcc) < 1e-15, `d_acc0 ${result.stats.d_acc0} vs ${dAcc}`);
});

t.test('d_acc0 is the initial slope of ACC (pattern and both layers, every reward)', async (t) => {
  const h = 1e-6;
  for (const train of ['pattern', 'both'] as const) {
    for (const reward of ['rlvr', 'self-certainty', 'neg-entropy', 'trajectory-logprob'] as const) {
      const shape = { patterns: 3, answers: 3, train, reward, algorithm: 'rk4', trajectoryPoints: 1 } as const;
      const params = { successRate: [0.6, 0.3, 0.5], initialPattern: [0.3, 0.3, 0.4], referencePattern: [0.5, 0.25, 0.25], beta: 0.2, stepSize: h, tMax: h };
      const result = run(shape, params);
      const slope = (result.trajectory!.acc[0] - result.stats.acc0) / h;
      const scale = Math.max(Math.abs(result.stats.d_acc0), 1e-3);
      t.ok(Math.abs(slope - result.stats.d_acc0) < 1e-4 * scale + 1e-8, `${train} ${reward}: slope ${slope}, d_acc0 ${result.stats.d_acc0}`);
    }
  }
});

t.test('events: censored times are NaN with flag 0; t_escape = 0 when ACC starts above p(r\')', async (t) => {
  const short = run({ patterns: 3 }, { successRate: [0.9, 0.6, 0.1], initialPattern: [0.05, 0.7, 0.25], tMax: 1 });
  t.equal(short.stats.regime, 2);
  t.ok(Number.isNaN(short.stats.t_conv));
  t.equal(short.stats.converged, 0);
  t.ok(Number.isNaN(short.stats.t_escape));
  t.equal(short.stats.escaped, 0);
  const above = run({ patterns: 3 }, { successRate: [0.9, 0.3, 0.1], initialPattern: [0.5, 0.3, 0.2], tMax: 1 });
  t.equal(above.stats.regime, 1);
  t.equal(above.stats.t_escape, 0);
  t.equal(above.stats.escaped, 1);
  const converged = run({ patterns: 2 }, { successRate: [0.9, 0.1], initialPattern: [0.995, 0.005], epsilon: 0.01, tMax: 1 });
  t.equal(converged.stats.t_conv, 0, 'already converged at t = 0');
});

t.test('regime 3: two rivals above ACC', async (t) => {
  const result = run({ patterns: 4 }, { successRate: [0.9, 0.8, 0.7, 0.1], initialPattern: [0.05, 0.05, 0.05, 0.85], tMax: 1 });
  t.equal(result.stats.regime, 3);
});

t.test('peak and drop: self-certainty first raises ACC, then ends on the worst pattern', async (t) => {
  // p = 0.65 is the best pattern and more self-certain than p = 0.5, which holds most mass,
  // so ACC rises first; p = 0.1 is the most self-certain and takes over from a tiny start.
  const result = run(
    { patterns: 3, reward: 'self-certainty', algorithm: 'adaptive', trajectoryPoints: 50 },
    { successRate: [0.65, 0.5, 0.1], initialPattern: [0.45, 0.549, 0.001], tMax: 1e4, tolerance: 1e-9 },
  );
  const s = result.stats;
  t.ok(s.acc_peak > s.acc0, `peak ${s.acc_peak} above acc0 ${s.acc0}`);
  t.ok(s.t_peak > 0 && s.t_peak < s.t_final);
  t.equal(s.drop, s.acc_peak - s.acc_final);
  t.ok(s.acc_final < 0.11, `ACC ends at ${s.acc_final}`);
  t.equal(s.ends_on_worst, 1);
  t.equal(s.ends_on_opt, 0);
  t.equal(s.final_argmax, 2);
  let maxSampled = -Infinity;
  for (const a of result.trajectory!.acc) maxSampled = Math.max(maxSampled, a);
  t.ok(maxSampled <= s.acc_peak + 1e-12, 'samples never exceed the peak');
});

t.test('final entropy and KL to the reference', async (t) => {
  const result = run({ patterns: 3 }, { successRate: [0.7, 0.4, 0.1], initialPattern: [0.2, 0.5, 0.3], referencePattern: [0.3, 0.3, 0.4], tMax: 3 });
  const pi = result.pattern;
  const ref = [0.3, 0.3, 0.4];
  let entropy = 0;
  let kl = 0;
  for (let r = 0; r < 3; r++) {
    entropy -= pi[r] * Math.log(pi[r]);
    kl += pi[r] * Math.log(pi[r] / ref[r]);
  }
  t.ok(Math.abs(result.stats.entropy_final - entropy) < 1e-12);
  t.ok(Math.abs(result.stats.kl_ref_final - kl) < 1e-12);
  t.ok(Math.abs(result.stats.pi_opt_final - pi[0]) < 1e-15);
  t.equal(result.stats.steps_taken, 300);
  t.ok(Math.abs(result.stats.t_final - 3) < 1e-12);
});

t.test('trajectory: K log-spaced times from stepSize to tMax; NaN after a run stopped early', async (t) => {
  const result = run(
    { patterns: 2, trajectoryPoints: 5 },
    { successRate: [0.8, 0.2], stepSize: 0.01, tMax: 100, maxSteps: 500 },
  );
  const { time, acc, piOpt } = result.trajectory!;
  const expected = [0.01, 0.1, 1, 10, 100];
  time.forEach((x, k) => t.ok(Math.abs(x / expected[k] - 1) < 1e-12, `time[${k}] = ${x}`));
  t.equal(result.stats.steps_taken, 500, 'stopped by maxSteps at t = 5');
  t.ok(Math.abs(result.stats.t_final - 5) < 1e-12);
  t.ok(acc[2] > 0.5 && Number.isFinite(piOpt[2]));
  t.ok(Number.isNaN(acc[3]) && Number.isNaN(piOpt[4]), 'times after the run are NaN');
});

t.test('NaN/Inf: the run stops with diverged = 1 and finite statistics of the last finite state; the batch does not throw', async (t) => {
  const shape = { patterns: 3, algorithm: 'euler' } as const;
  const stats = await jsBackend.simulate(
    makeBatch(shape, [
      { successRate: [0.7, 0.4, 0.1], initialPattern: [0.2, 0.5, 0.3], referencePattern: [0.01, 0.01, 0.98], beta: 1e4, stepSize: 10, tMax: 1e4 },
      { successRate: [0.7, 0.4, 0.1], tMax: 1 },
    ]),
  );
  const c = stats.columns;
  t.equal(c.diverged[0], 1);
  t.ok(c.steps_taken[0] < 1000, `stopped after ${c.steps_taken[0]} steps`);
  t.ok(Number.isFinite(c.acc_final[0]) && Number.isFinite(c.pi_opt_final[0]) && Number.isFinite(c.entropy_final[0]));
  t.equal(c.diverged[1], 0, 'the other run is unaffected');
  for (const algorithm of ['rk4', 'adaptive', 'reinforce'] as const) {
    const s = await jsBackend.simulate(
      makeBatch({ patterns: 3, algorithm, rollouts: algorithm === 'reinforce' ? 4 : 0 }, [
        { successRate: [0.7, 0.4, 0.1], referencePattern: [1e-12, 1e-12, 1 - 2e-12], beta: 1e6, stepSize: 10, tMax: 1e4, tolerance: 1e-6, maxSteps: 5000 },
      ]),
    );
    t.ok(Number.isFinite(s.columns.acc_final[0]), `${algorithm}: finite final ACC (diverged = ${s.columns.diverged[0]})`);
  }
});

t.test('SFT warm start: acc0 is after SFT; the reference stays the given (pre-SFT) policy', async (t) => {
  const p = [0.8, 0.3];
  const init = [0.5, 0.5];
  const target = [0.9, 0.1];
  // Independent SFT: z -= rate (pi - target), 20 steps.
  const z = init.map(Math.log);
  for (let s = 0; s < 20; s++) {
    const e = z.map(Math.exp);
    const sum = e[0] + e[1];
    for (let r = 0; r < 2; r++) z[r] -= 0.5 * (e[r] / sum - target[r]);
  }
  const pi0 = Math.exp(z[0]) / (Math.exp(z[0]) + Math.exp(z[1]));
  const result = run({ patterns: 2 }, { successRate: p, initialPattern: init, sftSteps: 20, sftRate: 0.5, sftTarget: target, tMax: 0.001, stepSize: 0.001 });
  t.ok(Math.abs(result.stats.acc0 - (pi0 * 0.8 + (1 - pi0) * 0.3)) < 1e-12, `acc0 ${result.stats.acc0}`);
  t.ok(result.stats.kl_ref_final > 0.05, 'KL is measured against the pre-SFT reference');
});

t.test('allocateStats: one zeroed column per STAT_NAMES entry, in that order, rows apart', async (t) => {
  const stats = allocateStats(3, 2);
  t.same(Object.keys(stats.columns), [...STAT_NAMES], 'the columns are the statistics, in STAT_NAMES order');
  for (const name of STAT_NAMES) t.same(Array.from(stats.columns[name]), [0, 0, 0], name);
  // Writing one column's row leaves every other cell alone (views do not overlap).
  stats.columns.t_escape[1] = 7;
  stats.trajectory!.acc[5] = 9;
  let nonZero = 0;
  for (const name of STAT_NAMES) for (const v of stats.columns[name]) if (v !== 0) nonZero++;
  for (const v of [...stats.trajectory!.time, ...stats.trajectory!.acc, ...stats.trajectory!.piOpt]) if (v !== 0) nonZero++;
  t.equal(nonZero, 2);
  t.equal(stats.trajectory!.time.length, 6);
});
