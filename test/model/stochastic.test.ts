/**
 * Sampled rules (docs/model.md §3): with many rollouts and a small step they
 * follow the exact flow; the draws are a pure function of the key.
 */
import t from 'tap';
import type { BatchShape } from '../../model/batch.js';
import { jsBackend, simulateRun } from '../../model/index.js';
import { makeBatch, type RunParams } from './make-batch.js';

const base: RunParams = {
  successRate: [0.8, 0.5, 0.2],
  initialPattern: [0.2, 0.5, 0.3],
  stepSize: 0.01,
  tMax: 10,
  gridIndex: 3,
};

function path(shape: Partial<BatchShape>, run: RunParams) {
  return simulateRun(makeBatch({ patterns: 3, trajectoryPoints: 30, ...shape }, [run]), 0);
}

function maxGap(a: Float64Array, b: Float64Array): number {
  let gap = 0;
  for (let k = 0; k < a.length; k++) gap = Math.max(gap, Math.abs(a[k] - b[k]));
  return gap;
}

t.test('reinforce with many rollouts tracks the exact flow (same eta)', async (t) => {
  for (const run of [base, { ...base, beta: 0.2, referencePattern: [0.1, 0.1, 0.8] }]) {
    const exact = path({ algorithm: 'euler' }, run);
    const sampled = path({ algorithm: 'reinforce', rollouts: 1024 }, run);
    // Noise on a logit after T / eta steps ~ sqrt(eta T / N) * O(0.3) ~ 3e-3: allow 0.01 on probabilities.
    const gap = maxGap(exact.trajectory!.piOpt, sampled.trajectory!.piOpt);
    t.ok(gap < 0.01, `beta=${run.beta ?? 0}: max |pi(r*) gap| ${gap}`);
    t.ok(maxGap(exact.trajectory!.acc, sampled.trajectory!.acc) < 0.01, 'ACC tracks');
    t.ok(sampled.stats.pi_opt_final > 0.35, `pi(r*) grew to ${sampled.stats.pi_opt_final}`);
    t.equal(sampled.stats.steps_taken, 1000);
  }
});

t.test('reinforce with train both tracks the exact flow of both layers', async (t) => {
  const run = { ...base, successRate: [0.6, 0.5, 0.2], tMax: 5 };
  const exact = path({ algorithm: 'euler', train: 'both' }, run);
  const sampled = path({ algorithm: 'reinforce', rollouts: 1024, train: 'both' }, run);
  t.ok(maxGap(exact.trajectory!.acc, sampled.trajectory!.acc) < 0.03, 'ACC tracks');
  t.ok(maxGap(exact.answer, sampled.answer) < 0.05, 'answer layer tracks');
  t.ok(exact.answer[0] > 0.65, `the answer layer learns too: pi(a*|0) = ${exact.answer[0]}`);
});

t.test('grpo with a large group follows the std-normalised flow dz = g(z) / sigma(z)', async (t) => {
  // Reference: for rlvr a group's reward std tends to sigma = sqrt(ACC (1 - ACC)), so
  // E[update] -> exact gradient / sigma. Integrated here with small Euler steps.
  const p = base.successRate;
  const z = base.initialPattern!.map(Math.log);
  const eta = base.stepSize!;
  const steps = 1000;
  for (let n = 0; n < steps; n++) {
    const m = Math.max(...z);
    const e = z.map((x) => Math.exp(x - m));
    const s = e.reduce((a, b) => a + b, 0);
    const pi = e.map((x) => x / s);
    const acc = pi.reduce((a, q, r) => a + q * p[r], 0);
    const sigma = Math.sqrt(acc * (1 - acc));
    for (let r = 0; r < 3; r++) z[r] += (eta * pi[r] * (p[r] - acc)) / sigma;
  }
  const m = Math.max(...z);
  const e = z.map((x) => Math.exp(x - m));
  const reference = e[0] / e.reduce((a, b) => a + b, 0);
  const sampled = path({ algorithm: 'grpo', rollouts: 1024 }, base);
  t.ok(Math.abs(sampled.stats.pi_opt_final - reference) < 0.03, `pi(r*) ${sampled.stats.pi_opt_final} vs reference ${reference}`);
});

t.test('same key, same bits; another replicate, seed or grid index, another path', async (t) => {
  for (const algorithm of ['reinforce', 'grpo'] as const) {
    const shape = { patterns: 3, algorithm, rollouts: 4, trajectoryPoints: 10 } as const;
    const runs = [
      { ...base, replicate: 0 },
      { ...base, replicate: 0 },
      { ...base, replicate: 1 },
      { ...base, replicate: 0, gridIndex: 4 },
    ];
    const a = await jsBackend.simulate(makeBatch(shape, runs, 5));
    const b = await jsBackend.simulate(makeBatch(shape, runs, 5));
    const c = await jsBackend.simulate(makeBatch(shape, runs, 6));
    const piA = a.trajectory!.piOpt;
    t.same(Array.from(piA), Array.from(b.trajectory!.piOpt), `${algorithm}: same batch, same bits`);
    t.same(Array.from(piA.subarray(0, 10)), Array.from(piA.subarray(10, 20)), 'identical rows give identical paths');
    t.not(piA[19], piA[29], 'another replicate, another path');
    t.not(piA[19], piA[39], 'another grid index, another path');
    t.not(piA[9], c.trajectory!.piOpt[9], 'another seed, another path');
  }
});
