/**
 * The closed forms of docs/model.md §4 (docs/model.md §4) on the wasm backend, at
 * the tolerances the js oracle tests use (flow-oracles.test.ts,
 * rlif.test.ts): the wasm kernel is float64, so it must meet them as js does.
 */
import t from 'tap';
import { FIRST_SWEEP_STREAM, jsBackend, streamUniforms } from '../../model/index.js';
import { createWasmBackend } from '../../model/wasm/index.js';
import { loadWasmModule } from '../../model/wasm/loader.js';
import { makeBatch, uniformPattern } from './make-batch.js';

const wasm = createWasmBackend(loadWasmModule());

/** G(q) = 1/(1-q) - 1/q + 2 ln(q/(1-q)); G(q_t) = G(q_0) + 2 Delta t (two patterns, beta = 0). */
const G = (q: number) => 1 / (1 - q) - 1 / q + 2 * Math.log(q / (1 - q));

t.test('wasm, two patterns: time from q0 to 1/2 matches G(q_t) = G(q_0) + 2 Delta t', async (t) => {
  const p = [0.8, 0.3];
  const delta = p[0] - p[1];
  for (const q0 of [1e-1, 1e-2, 1e-3, 1e-4]) {
    const exact = (G(0.5) - G(q0)) / (2 * delta);
    const run = { successRate: p, initialPattern: [q0, 1 - q0], epsilon: 0.5, tMax: 1.5 * exact };
    const adaptive = await wasm.simulate(makeBatch({ patterns: 2, algorithm: 'adaptive' }, [{ ...run, stepSize: 0.01, tolerance: 1e-8 }]));
    const euler = await wasm.simulate(makeBatch({ patterns: 2, algorithm: 'euler' }, [{ ...run, stepSize: 0.01 }]));
    for (const [name, stats] of [['adaptive', adaptive], ['euler', euler]] as const) {
      t.equal(stats.columns.converged[0], 1, `${name} q0=${q0} converged`);
      const relative = Math.abs(stats.columns.t_conv[0] / exact - 1);
      t.ok(relative < 0.01, `${name} q0=${q0}: t = ${stats.columns.t_conv[0]}, closed form ${exact}, relative error ${relative}`);
    }
    t.ok(Math.abs(adaptive.columns.t_conv[0] / exact - 1) < 1e-4, `adaptive q0=${q0} within 1e-4`);
    t.ok(adaptive.columns.steps_taken[0] < 300, `adaptive q0=${q0} took ${adaptive.columns.steps_taken[0]} steps`);
  }
});

t.test('wasm, beta > 0: a long adaptive run lands on pi_ref exp(R/beta) / Z (Prop. 5.2)', async (t) => {
  const cases = [
    { p: [0.9, 0.6, 0.1, 0.3], ref: [0.1, 0.4, 0.3, 0.2], beta: 0.1, init: [0.25, 0.25, 0.25, 0.25] },
    { p: [0.2, 0.7, 0.5], ref: [0.5, 0.2, 0.3], beta: 0.5, init: [0.5, 0.2, 0.3] },
    { p: [0.5, 0.55], ref: [0.9, 0.1], beta: 0.02, init: [0.1, 0.9] },
  ];
  for (const { p, ref, beta, init } of cases) {
    const weights = ref.map((q, r) => q * Math.exp(p[r] / beta));
    const Z = weights.reduce((a, b) => a + b, 0);
    const target = weights.map((w) => w / Z);
    const optimal = p.indexOf(Math.max(...p));
    const entropy = -target.reduce((sum, q) => sum + q * Math.log(q), 0);
    const kl = target.reduce((sum, q, r) => sum + q * Math.log(q / ref[r]), 0);
    const stats = await wasm.simulate(
      makeBatch({ patterns: p.length, algorithm: 'adaptive' }, [
        { successRate: p, initialPattern: init, referencePattern: ref, beta, tMax: 5e5, stepSize: 0.01, tolerance: 1e-10, maxSteps: 1e6 },
      ]),
    );
    // The statistics see the final policy through pi(r*), its entropy and its KL to pi_ref.
    t.ok(Math.abs(stats.columns.pi_opt_final[0] - target[optimal]) < 1e-6, `p=${p} beta=${beta}: pi(r*) ${stats.columns.pi_opt_final[0]} vs ${target[optimal]}`);
    t.ok(Math.abs(stats.columns.entropy_final[0] - entropy) < 1e-5, `entropy ${stats.columns.entropy_final[0]} vs ${entropy}`);
    t.ok(Math.abs(stats.columns.kl_ref_final[0] - kl) < 1e-5, `KL ${stats.columns.kl_ref_final[0]} vs ${kl}`);
    t.equal(stats.columns.diverged[0], 0);
  }
});

t.test('wasm, RLIF self-certainty, p ~ U[0,1] iid (Thm 5.6): the same final patterns as js, the worst about half the time', async (t) => {
  const R = 40;
  const n = 400;
  const runs = Array.from({ length: n }, (_, replicate) => ({
    successRate: Array.from(streamUniforms({ seed: 2026, gridIndex: 0, replicate, stream: FIRST_SWEEP_STREAM }, R)),
    initialPattern: uniformPattern(R),
    tMax: 1e7,
    tolerance: 1e-8,
    replicate,
  }));
  const batch = makeBatch({ patterns: R, reward: 'self-certainty', algorithm: 'adaptive' }, runs);
  const [expected, actual] = [await jsBackend.simulate(batch), await wasm.simulate(batch)];
  t.same(Array.from(actual.columns.final_argmax), Array.from(expected.columns.final_argmax), 'every run ends on the same pattern as on js');
  let worst = 0;
  for (let i = 0; i < n; i++) worst += actual.columns.ends_on_worst[i];
  const fraction = worst / n;
  // Binomial(400, 1/2): standard error 0.025; 4 standard errors.
  t.ok(Math.abs(fraction - 0.5) < 0.1, `ends on the worst pattern in ${(100 * fraction).toFixed(1)}% of runs`);
});
