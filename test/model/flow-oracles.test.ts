/**
 * The exact gradient flow against closed forms of docs/model.md §4.
 */
import t from 'tap';
import { simulateRun } from '../../model/index.js';
import { makeBatch } from './make-batch.js';

/** G(q) = 1/(1-q) - 1/q + 2 ln(q/(1-q)); G(q_t) = G(q_0) + 2 Delta t (two patterns, beta = 0). */
const G = (q: number) => 1 / (1 - q) - 1 / q + 2 * Math.log(q / (1 - q));

t.test('two patterns: time from q0 to 1/2 matches G(q_t) = G(q_0) + 2 Delta t within 1%', async (t) => {
  // t_conv with epsilon = 0.5 is the first time pi(r*) >= 1/2, linearly interpolated inside the step.
  const p = [0.8, 0.3];
  const delta = p[0] - p[1];
  for (const q0 of [1e-1, 1e-2, 1e-3, 1e-4]) {
    const exact = (G(0.5) - G(q0)) / (2 * delta);
    const run = { successRate: p, initialPattern: [q0, 1 - q0], epsilon: 0.5, tMax: 1.5 * exact };
    const adaptive = simulateRun(makeBatch({ patterns: 2, algorithm: 'adaptive' }, [{ ...run, stepSize: 0.01, tolerance: 1e-8 }]), 0);
    const euler = simulateRun(makeBatch({ patterns: 2, algorithm: 'euler' }, [{ ...run, stepSize: 0.01 }]), 0);
    const rk4 = simulateRun(makeBatch({ patterns: 2, algorithm: 'rk4' }, [{ ...run, stepSize: 0.5 }]), 0);
    for (const [name, result] of [['adaptive', adaptive], ['euler', euler], ['rk4', rk4]] as const) {
      t.equal(result.stats.converged, 1, `${name} q0=${q0} converged`);
      const relative = Math.abs(result.stats.t_conv / exact - 1);
      t.ok(relative < 0.01, `${name} q0=${q0}: t = ${result.stats.t_conv}, closed form ${exact}, relative error ${relative}`);
    }
    // Adaptive is much better than 1%, and crosses the slow start in few steps.
    t.ok(Math.abs(adaptive.stats.t_conv / exact - 1) < 1e-4, `adaptive q0=${q0} within 1e-4`);
    t.ok(adaptive.stats.steps_taken < 300, `adaptive q0=${q0} took ${adaptive.stats.steps_taken} steps`);
  }
});

t.test('beta > 0: a long run lands on pi_ref exp(R/beta) / Z (Prop. 5.2)', async (t) => {
  const cases = [
    { p: [0.9, 0.6, 0.1, 0.3], ref: [0.1, 0.4, 0.3, 0.2], beta: 0.1, init: [0.25, 0.25, 0.25, 0.25] },
    { p: [0.2, 0.7, 0.5], ref: [0.5, 0.2, 0.3], beta: 0.5, init: [0.5, 0.2, 0.3] },
    { p: [0.5, 0.55], ref: [0.9, 0.1], beta: 0.02, init: [0.1, 0.9] },
  ];
  for (const { p, ref, beta, init } of cases) {
    const weights = ref.map((q, r) => q * Math.exp(p[r] / beta));
    const Z = weights.reduce((a, b) => a + b, 0);
    const target = weights.map((w) => w / Z);
    for (const algorithm of ['adaptive', 'rk4'] as const) {
      const batch = makeBatch({ patterns: p.length, algorithm }, [
        // The slowest mode relaxes at rate ~ beta min_r pi_opt(r) (~1e-4 in the first case): t = 5e5 is > 40 time constants.
        { successRate: p, initialPattern: init, referencePattern: ref, beta, tMax: 5e5, stepSize: algorithm === 'rk4' ? 5 : 0.01, tolerance: 1e-10, maxSteps: 1e6 },
      ]);
      const result = simulateRun(batch, 0);
      let tv = 0;
      for (let r = 0; r < p.length; r++) tv += Math.abs(result.pattern[r] - target[r]) / 2;
      t.ok(tv < 1e-6, `${algorithm} p=${p} beta=${beta}: total variation ${tv}`);
      t.equal(result.stats.diverged, 0);
    }
  }
});

t.test('euler with the same eta gives the discrete policy-gradient path; rk4 and adaptive agree on the flow', async (t) => {
  const run = { successRate: [0.7, 0.5, 0.2], initialPattern: [0.2, 0.5, 0.3], beta: 0.05, tMax: 50, tolerance: 1e-10 };
  const adaptive = simulateRun(makeBatch({ patterns: 3, algorithm: 'adaptive' }, [{ ...run, stepSize: 0.01 }]), 0);
  const rk4 = simulateRun(makeBatch({ patterns: 3, algorithm: 'rk4' }, [{ ...run, stepSize: 0.05 }]), 0);
  const euler = simulateRun(makeBatch({ patterns: 3, algorithm: 'euler' }, [{ ...run, stepSize: 0.001 }]), 0);
  for (let r = 0; r < 3; r++) {
    t.ok(Math.abs(adaptive.pattern[r] - rk4.pattern[r]) < 1e-8, `rk4 vs adaptive pattern ${r}`);
    t.ok(Math.abs(adaptive.pattern[r] - euler.pattern[r]) < 1e-3, `euler vs adaptive pattern ${r}`);
  }
  t.equal(rk4.stats.steps_taken, 1000);
  t.equal(rk4.stats.t_final, 50);
  t.equal(adaptive.stats.t_final, 50, 'the last adaptive step lands on tMax');
  t.ok(Math.abs(euler.stats.t_final - 50) < 1e-9 && euler.stats.t_final >= 50 - 1e-9);
});

t.test('fused pattern-layer euler follows the same flow as rk4 for every reward, with and without KL', async (t) => {
  for (const reward of ['rlvr', 'self-certainty', 'neg-entropy', 'trajectory-logprob'] as const) {
    for (const beta of [0, 0.1]) {
      const run = { successRate: [0.7, 0.5, 0.2], initialPattern: [0.2, 0.5, 0.3], referencePattern: [0.4, 0.4, 0.2], beta, tMax: 5 };
      const euler = simulateRun(makeBatch({ patterns: 3, answers: 3, reward, algorithm: 'euler' }, [{ ...run, stepSize: 1e-4 }]), 0);
      const rk4 = simulateRun(makeBatch({ patterns: 3, answers: 3, reward, algorithm: 'rk4' }, [{ ...run, stepSize: 0.01 }]), 0);
      let gap = 0;
      for (let r = 0; r < 3; r++) gap = Math.max(gap, Math.abs(euler.pattern[r] - rk4.pattern[r]));
      t.ok(gap < 1e-4, `${reward} beta=${beta}: max gap ${gap}`);
      t.ok(Math.abs(euler.stats.kl_ref_final - rk4.stats.kl_ref_final) < 1e-4);
    }
  }
});

t.test('train both: euler and rk4 agree on both layers; the answer layer moves towards a*', async (t) => {
  for (const reward of ['rlvr', 'trajectory-logprob'] as const) {
    const run = { successRate: [0.6, 0.4, 0.2], initialPattern: [0.2, 0.5, 0.3], beta: 0.05, tMax: 5 };
    const shape = { patterns: 3, answers: 3, reward, train: 'both' } as const;
    const euler = simulateRun(makeBatch({ ...shape, algorithm: 'euler' }, [{ ...run, stepSize: 1e-4 }]), 0);
    const rk4 = simulateRun(makeBatch({ ...shape, algorithm: 'rk4' }, [{ ...run, stepSize: 0.01 }]), 0);
    let gap = 0;
    for (let k = 0; k < 9; k++) gap = Math.max(gap, Math.abs(euler.answer[k] - rk4.answer[k]));
    for (let r = 0; r < 3; r++) gap = Math.max(gap, Math.abs(euler.pattern[r] - rk4.pattern[r]));
    t.ok(gap < 1e-4, `${reward}: max gap ${gap}`);
    if (reward === 'rlvr') t.ok(rk4.answer[0] > 0.6 && rk4.stats.acc_final > rk4.stats.acc0, `pi(a*|0) ${rk4.answer[0]}`);
  }
});
