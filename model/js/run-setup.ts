/**
 * Per-run set-up in float64, shared by both backends: pattern ranks, the
 * initial answer layer, the SFT warm start, ACC and dACC/dt at t = 0, the
 * regime and the event thresholds (MODEL.md §1, §4, §5). The tfjs backend
 * runs it too (model/tfjs/setup.ts), so these values are the same bits on
 * both backends and only the time stepping differs.
 */
import type { RunBatch } from '../batch.js';
import type { BatchStats } from '../stats.js';
import { accuracyRate, evaluateFlow, recentre } from './flow.js';
import { REWARD_RLVR, REWARD_SELF_CERTAINTY, type RunWorkspace } from './workspace.js';

/**
 * Floor for log pi(a|r) of an answer with probability 0 (p(r) = 1 leaves the
 * wrong answers 0): keeps self-certainty finite (about 345 instead of +Inf).
 */
const LOG_FLOOR_PROBABILITY = 1e-300;

/** Regime of MODEL.md §4 from the initial condition. */
export const REGIME_MONOTONE = 1;
export const REGIME_ENTANGLED = 2;
export const REGIME_OTHER = 3;

/** What `prepareRow` found at t = 0 (after SFT). */
export interface RowStart {
  /** r* = argmax p, lowest index on ties (MODEL.md §1). */
  readonly optimal: number;
  /** argmin p, lowest index on ties. */
  readonly worst: number;
  /** 1 - eps: t_conv is the first time pi(r*) reaches it. */
  readonly convThreshold: number;
  /** p(r'), r' the best rival: t_escape is the first time ACC exceeds it. */
  readonly escapeThreshold: number;
  /**
   * false when the starting state is already non-finite (e.g. a diverging
   * SFT); acc0, piOpt0 and dAcc0 are then NaN and the regime REGIME_OTHER.
   */
  readonly finite: boolean;
  readonly acc0: number;
  readonly piOpt0: number;
  readonly dAcc0: number;
  readonly regime: number;
}

/**
 * Loads row i of a (validated) batch into `ws` and moves it to its starting
 * point. On return ws.state is the starting state (re-centred when finite),
 * the flow was evaluated at it (ws.derivative, ws.pattern, ... are at the
 * state) and the per-run constants (initialSuccess, fixedReward,
 * logReference, logAnswerReference, beta, optimal) are set.
 */
export function prepareRow(batch: RunBatch, i: number, ws: RunWorkspace): RowStart {
  const R = ws.patterns;
  const A = ws.answers;

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

  // --- SFT warm start: cross-entropy steps z -= rate (pi - target) towards the
  // target. The KL reference stays `referencePattern` (the sweep's pre-SFT
  // policy by default): SFT moves where RL starts, not what it is anchored to.
  const sftSteps = batch.sftSteps[i];
  if (sftSteps > 0 && batch.sftTarget !== null) sftWarmStart(y, R, batch.sftTarget, i * R, batch.sftRate[i], sftSteps);

  const convThreshold = 1 - batch.epsilon[i];
  const escapeThreshold = p[rival];
  // Both returns build the same literal shape: an object spread here made V8
  // clone through a slow path and every later read megamorphic (~4 us a row).
  if (!evaluateFlow(ws, y, ws.derivative, true)) {
    return { optimal, worst, convThreshold, escapeThreshold, finite: false, acc0: NaN, piOpt0: NaN, dAcc0: NaN, regime: REGIME_OTHER };
  }
  recentre(ws, y);
  const acc0 = ws.accuracy;
  const dAcc0 = accuracyRate(ws, ws.derivative);

  // --- regime (MODEL.md §4) from ACC at the starting policy (after SFT)
  const pThird = third >= 0 ? p[third] : -Infinity;
  const regime =
    acc0 > escapeThreshold ? REGIME_MONOTONE : escapeThreshold > acc0 && acc0 > pThird ? REGIME_ENTANGLED : REGIME_OTHER;
  return { optimal, worst, convThreshold, escapeThreshold, finite: true, acc0, piOpt0: ws.piOpt, dAcc0, regime };
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

/** Row i's statistics for a run whose starting state is non-finite (`RowStart.finite` false): all NaN, diverged. */
export function writeNonFinite(stats: BatchStats, i: number): void {
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
