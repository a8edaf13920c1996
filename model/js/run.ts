import type { RunBatch } from '../batch.js';
import type { BatchStats } from '../stats.js';
import { accuracyRate, evaluateFlow, recentre } from './flow.js';
import { integrateEulerPattern } from './euler-pattern.js';
import { integrateAdaptive, integrateEuler, integrateRk4 } from './integrators.js';
import { RunRecorder } from './recorder.js';
import { ESTIMATOR_GRPO, ESTIMATOR_REINFORCE, integrateStochastic } from './stochastic.js';
import {
  REWARD_RLVR,
  REWARD_SELF_CERTAINTY,
  RunWorkspace,
} from './workspace.js';

/**
 * Floor for log pi(a|r) of an answer with probability 0 (p(r) = 1 leaves the
 * wrong answers 0): keeps self-certainty finite (about 345 instead of +Inf).
 */
const LOG_FLOOR_PROBABILITY = 1e-300;

/** Regime of MODEL.md §4 from the initial condition. */
export const REGIME_MONOTONE = 1;
export const REGIME_ENTANGLED = 2;
export const REGIME_OTHER = 3;

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
  const R = ws.patterns;
  const A = ws.answers;
  const shape = batch.shape;

  // --- pattern ranks by p (MODEL.md §1: r* = argmax p, lowest index on ties)
  const p = ws.initialSuccess;
  for (let r = 0; r < R; r++) p[r] = batch.successRate[i * R + r];
  let optimal = 0;
  let worst = 0;
  for (let r = 1; r < R; r++) {
    if (p[r] > p[optimal]) optimal = r;
    if (p[r] < p[worst]) worst = r;
  }
  let rival = -1;
  let third = -1;
  for (let r = 0; r < R; r++) {
    if (r === optimal) continue;
    if (rival < 0 || p[r] > p[rival]) {
      third = rival;
      rival = r;
    } else if (third < 0 || p[r] > p[third]) third = r;
  }

  // --- answer layer at t = 0 and its reference (the initial answer distribution)
  const pa = ws.answer;
  const logPa = ws.logAnswer;
  for (let r = 0; r < R; r++) {
    const base = r * A;
    for (let a = 0; a < A; a++) {
      const q =
        batch.answerDistribution !== null
          ? batch.answerDistribution[(i * R + r) * A + a]
          : a === 0
            ? p[r]
            : (1 - p[r]) / (A - 1);
      pa[base + a] = q;
      logPa[base + a] = Math.log(Math.max(q, LOG_FLOOR_PROBABILITY));
      ws.logAnswerReference[base + a] = logPa[base + a];
    }
    let logSum = 0;
    let entropyTerm = 0;
    for (let a = 0; a < A; a++) {
      logSum += logPa[base + a];
      entropyTerm += pa[base + a] * logPa[base + a];
    }
    // R(r) with the answer layer frozen (train: pattern); trajectory-logprob adds log pi(r) in the flow.
    ws.fixedReward[r] =
      ws.reward === REWARD_RLVR
        ? p[r]
        : ws.reward === REWARD_SELF_CERTAINTY
          ? -logSum / A
          : entropyTerm; // neg-entropy; and the answer part of trajectory-logprob
  }

  // --- pattern layer: z = log pi_0, reference log pi_ref
  const y = ws.state;
  for (let r = 0; r < R; r++) {
    y[r] = Math.log(batch.initialPattern[i * R + r]);
    ws.logReference[r] = Math.log(batch.referencePattern[i * R + r]);
  }
  if (ws.trainBoth) for (let k = 0; k < R * A; k++) y[R + k] = logPa[k];
  ws.beta = batch.beta[i];
  ws.optimal = optimal;
  ws.shift = 0;
  ws.diverged = false;
  ws.steps = 0;
  ws.time = 0;

  // --- SFT warm start: cross-entropy steps z -= rate (pi - target) towards the
  // target. The KL reference stays `referencePattern` (the sweep's pre-SFT
  // policy by default): SFT moves where RL starts, not what it is anchored to.
  const sftSteps = batch.sftSteps[i];
  if (sftSteps > 0 && batch.sftTarget !== null) sftWarmStart(y, R, batch.sftTarget, i * R, batch.sftRate[i], sftSteps);

  const columns = stats.columns;
  if (!evaluateFlow(ws, y, ws.derivative, true)) {
    writeNonFinite(stats, i);
    return;
  }
  recentre(ws, y);
  const acc0 = ws.accuracy;
  const dAcc0 = accuracyRate(ws, ws.derivative);

  // --- regime (MODEL.md §4) from ACC at the starting policy (after SFT)
  const pRival = p[rival];
  const pThird = third >= 0 ? p[third] : -Infinity;
  const regime = acc0 > pRival ? REGIME_MONOTONE : pRival > acc0 && acc0 > pThird ? REGIME_ENTANGLED : REGIME_OTHER;

  const eta = batch.stepSize[i];
  const tMax = batch.tMax[i];
  const maxSteps = batch.maxSteps[i];
  recorder.start(acc0, ws.piOpt, 1 - batch.epsilon[i], pRival, eta, tMax);

  switch (shape.algorithm) {
    case 'euler':
      if (ws.trainBoth) integrateEuler(ws, recorder, eta, tMax, maxSteps);
      else integrateEulerPattern(ws, recorder, eta, tMax, maxSteps);
      break;
    case 'rk4':
      integrateRk4(ws, recorder, eta, tMax, maxSteps);
      break;
    case 'adaptive':
      integrateAdaptive(ws, recorder, eta, tMax, maxSteps, batch.tolerance[i]);
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

  const pi = ws.pattern;
  const logPi = ws.logPattern;
  let finalArgmax = 0;
  let entropy = 0;
  let kl = 0;
  for (let r = 0; r < R; r++) {
    if (pi[r] > pi[finalArgmax]) finalArgmax = r;
    entropy -= pi[r] * logPi[r];
    kl += pi[r] * (logPi[r] - ws.logReference[r]);
  }
  const accFinal = ws.accuracy;
  columns.acc0[i] = acc0;
  columns.acc_final[i] = accFinal;
  columns.acc_peak[i] = recorder.accPeak;
  columns.t_peak[i] = recorder.tPeak;
  columns.drop[i] = recorder.accPeak - accFinal;
  columns.d_acc0[i] = dAcc0;
  columns.pi_opt_final[i] = ws.piOpt;
  columns.t_conv[i] = recorder.tConv;
  columns.converged[i] = Number.isNaN(recorder.tConv) ? 0 : 1;
  columns.t_escape[i] = recorder.tEscape;
  columns.escaped[i] = Number.isNaN(recorder.tEscape) ? 0 : 1;
  columns.regime[i] = regime;
  columns.final_argmax[i] = finalArgmax;
  columns.ends_on_opt[i] = finalArgmax === optimal ? 1 : 0;
  columns.ends_on_worst[i] = finalArgmax === worst ? 1 : 0;
  columns.entropy_final[i] = entropy;
  columns.kl_ref_final[i] = kl;
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

function sftWarmStart(z: Float64Array, R: number, target: Float64Array, offset: number, rate: number, steps: number): void {
  for (let s = 0; s < steps; s++) {
    let max = -Infinity;
    for (let r = 0; r < R; r++) if (z[r] > max) max = z[r];
    let sum = 0;
    for (let r = 0; r < R; r++) sum += Math.exp(z[r] - max);
    // d/dz of -sum_r q(r) log pi(r) is pi - q.
    for (let r = 0; r < R; r++) z[r] -= rate * (Math.exp(z[r] - max) / sum - target[offset + r]);
  }
}

/** A run whose starting state is already non-finite (e.g. a diverging SFT): all NaN, diverged. */
function writeNonFinite(stats: BatchStats, i: number): void {
  const columns = stats.columns;
  for (const column of Object.values(columns)) column[i] = NaN;
  columns.converged[i] = 0;
  columns.escaped[i] = 0;
  columns.regime[i] = REGIME_OTHER;
  columns.final_argmax[i] = NaN;
  columns.ends_on_opt[i] = 0;
  columns.ends_on_worst[i] = 0;
  columns.steps_taken[i] = 0;
  columns.t_final[i] = 0;
  columns.diverged[i] = 1;
  const trajectory = stats.trajectory;
  if (trajectory !== null) {
    const K = trajectory.points;
    trajectory.time.fill(NaN, i * K, (i + 1) * K);
    trajectory.acc.fill(NaN, i * K, (i + 1) * K);
    trajectory.piOpt.fill(NaN, i * K, (i + 1) * K);
  }
}
