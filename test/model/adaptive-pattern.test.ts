/**
 * The fused `adaptive` kernel for `train: pattern` (model/js/adaptive-pattern.ts)
 * against the generic Dormand–Prince loop (integrators.ts integrateAdaptive,
 * which evaluates the flow through flow.ts): the same method, so the same
 * steps and the same statistics up to rounding, for every reward and with a
 * KL penalty. Also: the js backend instance that keeps its workspace between
 * calls gives the bits of a fresh workspace.
 */
import t from 'tap';
import { createJsBackend, jsBackend, simulateBatch } from '../../model/js/index.js';
import { integrateAdaptive } from '../../model/js/integrators.js';
import { RunRecorder } from '../../model/js/recorder.js';
import { prepareRow } from '../../model/js/run-setup.js';
import { RunWorkspace } from '../../model/js/workspace.js';
import type { Reward, RunBatch } from '../../model/batch.js';
import { streamUniforms } from '../../model/random.js';
import { makeBatch, type RunParams } from './make-batch.js';

/** t_escape, t_conv, ACC and pi(r*) at the end, steps, via the generic loop on row i. */
function genericRun(batch: RunBatch, i: number): { tEscape: number; tConv: number; acc: number; piOpt: number; steps: number; t: number } {
  const ws = new RunWorkspace(batch.shape);
  const recorder = new RunRecorder(0);
  const start = prepareRow(batch, i, ws);
  recorder.start(start.acc0, start.piOpt0, start.convThreshold, start.escapeThreshold, batch.stepSize[i], batch.tMax[i], start.dAcc0);
  integrateAdaptive(ws, recorder, start.firstStep, batch.tMax[i], batch.maxSteps[i], batch.tolerance[i]);
  return { tEscape: recorder.tEscape, tConv: recorder.tConv, acc: ws.accuracy, piOpt: ws.piOpt, steps: ws.steps, t: ws.time };
}

/** Random pattern-only runs: p ~ U[0,1), pi_0 from normalised uniforms (counter RNG, so the test is fixed). */
function randomRuns(R: number, count: number, beta: number, seedStream: number): RunParams[] {
  return Array.from({ length: count }, (_, i) => {
    const u = streamUniforms({ seed: 11, gridIndex: i, replicate: 0, stream: seedStream }, 2 * R);
    const weights = Array.from({ length: R }, (_, r) => 0.05 + u[R + r]);
    const total = weights.reduce((a, b) => a + b, 0);
    return {
      successRate: Array.from({ length: R }, (_, r) => u[r]),
      initialPattern: weights.map((w) => w / total),
      beta,
      tMax: 2000,
      tolerance: 1e-7,
    };
  });
}

function close(actual: number, expected: number, relative: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  return Math.abs(actual - expected) <= relative * Math.max(Math.abs(expected), 1e-12);
}

const REWARDS: readonly Reward[] = ['rlvr', 'self-certainty', 'neg-entropy', 'trajectory-logprob'];

for (const reward of REWARDS) {
  for (const beta of [0, 0.05]) {
    t.test(`fused = generic adaptive, ${reward}, beta ${beta}`, async (t) => {
      const R = 5;
      const batch = makeBatch({ patterns: R, algorithm: 'adaptive', reward }, randomRuns(R, 24, beta, 3 + REWARDS.indexOf(reward)));
      const fused = simulateBatch(batch);
      let worst = 0;
      let sameSteps = 0;
      for (let i = 0; i < batch.size; i++) {
        const g = genericRun(batch, i);
        const c = fused.columns;
        if (c.steps_taken[i] === g.steps) sameSteps++;
        for (const [name, a, b] of [
          ['t_escape', c.t_escape[i], g.tEscape],
          ['t_conv', c.t_conv[i], g.tConv],
          ['acc_final', c.acc_final[i], g.acc],
          ['pi_opt_final', c.pi_opt_final[i], g.piOpt],
          ['t_final', c.t_final[i], g.t],
        ] as const) {
          if (!close(a, b, 1e-8)) t.fail(`row ${i} ${name}: fused ${a}, generic ${b}`);
          if (Number.isFinite(b) && b !== 0) worst = Math.max(worst, Math.abs(a - b) / Math.abs(b));
        }
      }
      t.equal(sameSteps, batch.size, 'every run takes the same number of steps');
      t.ok(worst <= 1e-8, `largest relative difference ${worst.toExponential(2)}`);
    });
  }
}

t.test('regime 2 (the benchmark case): same T0 and steps as the generic loop', async (t) => {
  const gamma = 26;
  const rest = (1 - 0.7 - 0.3 / gamma) / 5;
  const batch = makeBatch({ patterns: 7, algorithm: 'adaptive' }, [
    {
      successRate: [0.9, 0.6, 0.1, 0.1, 0.1, 0.1, 0.1],
      initialPattern: [0.3 / gamma, 0.7, rest, rest, rest, rest, rest],
      tMax: 3e5,
      tolerance: 5e-3,
    },
  ]);
  const fused = simulateBatch(batch).columns;
  const generic = genericRun(batch, 0);
  t.equal(fused.steps_taken[0], generic.steps);
  t.ok(close(fused.t_escape[0], generic.tEscape, 1e-10), `T0 ${fused.t_escape[0]} vs ${generic.tEscape}`);
});

t.test('a js backend instance that keeps its workspace gives the bits of fresh calls', async (t) => {
  const kept = createJsBackend();
  const R = 4;
  // Shapes alternate (the kept workspace is replaced and re-made), sizes and rows vary.
  const calls: RunBatch[] = [
    makeBatch({ patterns: R, algorithm: 'adaptive' }, randomRuns(R, 3, 0, 20)),
    makeBatch({ patterns: R, algorithm: 'adaptive', reward: 'neg-entropy' }, randomRuns(R, 5, 0.1, 21)),
    makeBatch({ patterns: R, algorithm: 'adaptive' }, randomRuns(R, 1, 0, 22)),
    makeBatch({ patterns: R, algorithm: 'euler', train: 'both' }, randomRuns(R, 2, 0.02, 23).map((run) => ({ ...run, tMax: 5 }))),
    makeBatch({ patterns: R, algorithm: 'grpo', rollouts: 8 }, randomRuns(R, 3, 0, 24).map((run) => ({ ...run, tMax: 2, stepSize: 0.05 }))),
    makeBatch({ patterns: R, algorithm: 'adaptive' }, randomRuns(R, 3, 0, 20).reverse()),
    makeBatch({ patterns: R, algorithm: 'adaptive' }, []),
  ];
  for (const [k, batch] of calls.entries()) {
    const reused = await kept.simulate(batch);
    const fresh = await jsBackend.simulate(batch);
    for (const [name, column] of Object.entries(fresh.columns)) {
      t.same(Array.from(reused.columns[name as keyof typeof fresh.columns]), Array.from(column), `call ${k} ${name}`);
    }
  }
  await t.rejects(kept.simulate({ ...calls[0], tolerance: new Float64Array([1e-7, -1, 1e-7]) }), /tolerance\[1\]/, 'invalid input still rejected');
});
