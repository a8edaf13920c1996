import type { RunBatch } from '../batch.js';
import type { BatchStats } from '../stats.js';
import { evaluateFlow, patternSummary } from './flow.js';
import { integrateEulerPattern } from './euler-pattern.js';
import { integrateAdaptivePattern } from './adaptive-pattern.js';
import { integrateAdaptive, integrateEuler, integrateRk4 } from './integrators.js';
import { RunRecorder } from './recorder.js';
import { prepareRow, writeNonFinite } from './run-setup.js';
import { ESTIMATOR_GRPO, ESTIMATOR_REINFORCE, integrateStochastic } from './stochastic.js';
import { RunWorkspace } from './workspace.js';

/** Per-batch scratch: one workspace and one recorder, reused by every row. */
export interface KernelScratch {
  readonly workspace: RunWorkspace;
  readonly recorder: RunRecorder;
}

export function createScratch(batch: RunBatch): KernelScratch {
  return { workspace: new RunWorkspace(batch.shape), recorder: new RunRecorder(batch.shape.trajectoryPoints) };
}

/**
 * Simulates row i of a (validated) batch and writes its statistics to row i
 * of `stats`. The result depends only on row i and the shape. On return
 * ws.state, ws.pattern, ws.answer hold the final state.
 */
export function simulateRow(batch: RunBatch, i: number, scratch: KernelScratch, stats: BatchStats): void {
  const ws = scratch.workspace;
  const recorder = scratch.recorder;
  const shape = batch.shape;

  const start = prepareRow(batch, i, ws);
  ws.diverged = false;
  ws.steps = 0;
  ws.time = 0;
  if (!start.finite) {
    writeNonFinite(stats, i);
    return;
  }

  const eta = batch.stepSize[i];
  const tMax = batch.tMax[i];
  const maxSteps = batch.maxSteps[i];
  // adaptive interpolates ACC and pi(r*) with their rates (cubic Hermite,
  // recorder.ts, docs/model.md §3.4) and passes the escape margin summed term
  // by term; the fixed-step rules interpolate linearly and compare ACC itself.
  // The boundary-tie decision (run-setup.ts ESCAPE_TIE) holds for every rule.
  const adaptive = shape.algorithm === 'adaptive';
  recorder.start(
    start.acc0, start.piOpt0, start.convThreshold, start.escapeThreshold, eta, tMax,
    adaptive ? start.dAcc0 : NaN,
    adaptive ? start.escapeMargin0 : start.acc0 - start.escapeThreshold,
    start.escaped0,
    adaptive ? start.piOptRate0 : NaN,
  );

  switch (shape.algorithm) {
    case 'euler':
      if (ws.trainBoth) integrateEuler(ws, recorder, eta, tMax, maxSteps);
      else integrateEulerPattern(ws, recorder, eta, tMax, maxSteps);
      break;
    case 'rk4':
      integrateRk4(ws, recorder, eta, tMax, maxSteps);
      break;
    case 'adaptive':
      if (ws.trainBoth) integrateAdaptive(ws, recorder, start.firstStep, tMax, maxSteps, batch.tolerance[i]);
      else integrateAdaptivePattern(ws, recorder, start.firstStep, tMax, maxSteps, batch.tolerance[i]);
      break;
    case 'reinforce':
    case 'grpo': {
      evaluateFlow(ws, ws.state, ws.derivative, false); // the exact KL part; finite where the full flow was
      const key = { seed: batch.seed, gridIndex: batch.gridIndex[i], replicate: batch.replicate[i] };
      const estimator = shape.algorithm === 'grpo' ? ESTIMATOR_GRPO : ESTIMATOR_REINFORCE;
      integrateStochastic(ws, recorder, key, estimator, shape.rollouts, eta, tMax, maxSteps);
      break;
    }
  }
  // After NaN/Inf the workspace holds the failed evaluation: restore the last finite state's.
  if (ws.diverged) {
    ws.shift = 0;
    evaluateFlow(ws, ws.state, ws.derivative, true);
  }

  const final = patternSummary(ws);
  const accFinal = ws.accuracy;
  const columns = stats.columns;
  columns.acc0[i] = start.acc0;
  columns.acc_final[i] = accFinal;
  columns.acc_peak[i] = recorder.accPeak;
  columns.t_peak[i] = recorder.tPeak;
  columns.drop[i] = recorder.accPeak - accFinal;
  columns.d_acc0[i] = start.dAcc0;
  columns.pi_opt_final[i] = ws.piOpt;
  columns.t_conv[i] = recorder.tConv;
  columns.converged[i] = Number.isNaN(recorder.tConv) ? 0 : 1;
  columns.t_escape[i] = recorder.tEscape;
  columns.escaped[i] = Number.isNaN(recorder.tEscape) ? 0 : 1;
  columns.regime[i] = start.regime;
  columns.final_argmax[i] = final.argmax;
  columns.ends_on_opt[i] = final.argmax === start.optimal ? 1 : 0;
  columns.ends_on_worst[i] = final.argmax === start.worst ? 1 : 0;
  columns.entropy_final[i] = final.entropy;
  columns.kl_ref_final[i] = final.klReference;
  columns.steps_taken[i] = ws.steps;
  columns.t_final[i] = ws.time;
  columns.diverged[i] = ws.diverged ? 1 : 0;

  const trajectory = stats.trajectory;
  if (trajectory !== null) {
    const K = trajectory.points;
    trajectory.time.set(recorder.sampleTimes, i * K);
    trajectory.acc.set(recorder.sampleAcc, i * K);
    trajectory.piOpt.set(recorder.samplePiOpt, i * K);
  }
}
