/**
 * Per-run set-up in float64, shared by both backends: pattern ranks, the
 * initial answer layer, the SFT warm start, ACC and dACC/dt at t = 0, the
 * regime and the event thresholds (docs/model.md §1, §4, §5). The tfjs backend
 * runs it too (model/tfjs/setup.ts), so these values are the same bits on
 * both backends and only the time stepping differs.
 */
import { EXACT_ALGORITHMS, type RunBatch } from '../batch.js';
import type { BatchStats } from '../stats.js';
import { accuracyRate, escapeMargin, evaluateFlow, optimalRate, recentre } from './flow.js';
import { REWARD_RLVR, REWARD_SELF_CERTAINTY, type RunWorkspace } from './workspace.js';

/**
 * Floor for log pi(a|r) of an answer with probability 0 (p(r) = 1 leaves the
 * wrong answers 0): keeps self-certainty finite (about 345 instead of +Inf).
 */
const LOG_FLOOR_PROBABILITY = 1e-300;

/** Regime of docs/model.md §4 (eq. (20)) from the initial condition. */
export const REGIME_MONOTONE = 1;
export const REGIME_ENTANGLED = 2;
export const REGIME_OTHER = 3;

/**
 * Boundary tie (docs/model.md eq. (19)): |ACC_0 - p(r')| <= ESCAPE_TIE is the
 * boundary between regimes 1 and 2, not a side of it. ACC and p are in
 * [0, 1]; 1e-12 is ~4500 ulp of 1, above the rounding of decimal specs and
 * of sums over up to 1e4 patterns, and a true margin that small would escape
 * within ~1e-12 / dACC/dt anyway. Without it a tie's sign was rounding: a
 * regime-2 row escaping at t = 1.7e-15.
 */
export const ESCAPE_TIE = 1e-12;

/** What `prepareRow` found at t = 0 (after SFT). */
export interface RowStart {
  /** r* = argmax p, lowest index on ties (docs/model.md §1). */
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
  /**
   * ACC - p(r') at t = 0, summed term by term (flow.ts escapeMargin); exactly
   * 0 on a boundary tie (ESCAPE_TIE); NaN when not finite.
   */
  readonly escapeMargin0: number;
  /**
   * t_escape = 0: the margin is above the tie band, or a tie with ACC rising
   * (dACC/dt > 0 at t = 0: ACC leaves p(r') upwards at once).
   */
  readonly escaped0: boolean;
  readonly piOpt0: number;
  readonly dAcc0: number;
  /** dpi(r*)/dt at t = 0 (flow.ts optimalRate); NaN when not finite. */
  readonly piOptRate0: number;
  readonly regime: number;
  /**
   * `adaptive`: the first trial step, chosen automatically (Hairer, Nørsett,
   * Wanner I, II.4 "starting step size"), at most tMax; NaN for the other
   * rules and for a non-finite start.
   */
  readonly firstStep: number;
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

  // --- pattern ranks by p (docs/model.md §1: r* = argmax p, lowest index on ties)
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

  // --- answer layer at t = 0 and its reference (the initial answer distribution).
  // Its logarithms serve the answer-layer rewards and KL, train: both and the
  // stochastic rules (which sample answers); an exact rlvr run of the pattern
  // layer never reads them, and R x A logarithms were a fifth of its set-up
  // (NaN marks them unset).
  const withLogs = ws.trainBoth || ws.reward !== REWARD_RLVR || !EXACT_ALGORITHMS.includes(batch.shape.algorithm);
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
      logPa[base + a] = withLogs ? Math.log(Math.max(q, LOG_FLOOR_PROBABILITY)) : NaN;
      ws.logAnswerReference[base + a] = logPa[base + a];
    }
    if (!withLogs) {
      ws.fixedReward[r] = p[r];
      continue;
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
  ws.escapeLevel = p[rival];
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
    return {
      optimal, worst, convThreshold, escapeThreshold, finite: false,
      acc0: NaN, escapeMargin0: NaN, escaped0: false, piOpt0: NaN, dAcc0: NaN, piOptRate0: NaN, regime: REGIME_OTHER, firstStep: NaN,
    };
  }
  recentre(ws, y);
  const acc0 = ws.accuracy;
  const margin = escapeMargin(ws);
  const dAcc0 = accuracyRate(ws, ws.derivative);
  const piOptRate0 = optimalRate(ws, ws.derivative);

  // --- regime (docs/model.md §4, eqs. (19)-(20)) from ACC at the starting
  // policy (after SFT). A tie |ACC_0 - p(r')| <= ESCAPE_TIE counts as margin
  // 0: regime 1 with t_escape = 0 when ACC rises (the limit of regime 2 as
  // T0 -> 0, and of regime 1 as the margin -> 0), otherwise neither
  // (REGIME_OTHER), with t_escape the first time the margin turns positive.
  const tie = Math.abs(margin) <= ESCAPE_TIE;
  const escapeMargin0 = tie ? 0 : margin;
  const escaped0 = tie ? dAcc0 > 0 : margin > 0;
  const pThird = third >= 0 ? p[third] : -Infinity;
  const regime = escaped0
    ? REGIME_MONOTONE
    : !tie && margin < 0 && acc0 > pThird
      ? REGIME_ENTANGLED
      : REGIME_OTHER;
  const piOpt0 = ws.piOpt;
  // Computed here, in float64, so both backends take the same first step.
  const firstStep = batch.shape.algorithm === 'adaptive' ? startingStep(ws, batch.tolerance[i], batch.tMax[i]) : NaN;
  return {
    optimal, worst, convThreshold, escapeThreshold, finite: true,
    acc0, escapeMargin0, escaped0, piOpt0, dAcc0, piOptRate0, regime, firstStep,
  };
}

/** Order of the Dormand–Prince 5(4) solution that `adaptive` advances. */
const ADAPTIVE_ORDER = 5;

/**
 * Starting step size of Hairer, Nørsett & Wanner, Solving ODEs I, II.4: with
 * sc_j = atol + rtol |y_j| (atol = rtol = tolerance, as in the step controller,
 * integrators.ts), h0 = 0.01 ||y|| / ||f(y)|| (1e-6 when either is tiny), one
 * explicit Euler probe y + h0 f(y) estimates ||y''||, h1 = (0.01 / max(||f||,
 * ||y''||))^(1/(p+1)), and the step is min(100 h0, h1, tMax). Without it the
 * controller spends ~7 steps growing (5x a step) from a fixed first trial step
 * to the plateau scale (issue 2). Precondition: the flow was evaluated at
 * ws.state and the state re-centred; on return the same holds again, to the
 * bit for `train: pattern` (the probe's evaluation is undone from copies; with
 * `train: both` the flow is evaluated again at ws.state).
 */
function startingStep(ws: RunWorkspace, tolerance: number, tMax: number): number {
  const D = ws.dimension;
  const y = ws.state;
  const f0 = ws.derivative;
  let d0 = 0;
  let d1 = 0;
  for (let j = 0; j < D; j++) {
    const scale = tolerance + tolerance * Math.abs(y[j]);
    d0 += (y[j] / scale) ** 2;
    d1 += (f0[j] / scale) ** 2;
  }
  d0 = Math.sqrt(d0 / D);
  d1 = Math.sqrt(d1 / D);
  let h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : (0.01 * d0) / d1;
  h0 = Math.min(h0, tMax);
  // The probe's evaluation overwrites pi, log pi, ACC, pi(r*) and the shift
  // (with train: both also the answer layer's fields): keep the pattern
  // layer's in stages the integrator has not used yet, to put them back.
  const R = ws.patterns;
  const keptPattern = ws.stages[2];
  const keptLogPattern = ws.stages[3];
  for (let r = 0; r < R; r++) {
    keptPattern[r] = ws.pattern[r];
    keptLogPattern[r] = ws.logPattern[r];
  }
  const keptAccuracy = ws.accuracy;
  const keptPiOpt = ws.piOpt;
  const keptShift = ws.shift;
  const probe = ws.stageInput;
  const f1 = ws.stages[1];
  for (let j = 0; j < D; j++) probe[j] = y[j] + h0 * f0[j];
  const probeFinite = evaluateFlow(ws, probe, f1, true);
  let d2 = 0;
  if (probeFinite) {
    for (let j = 0; j < D; j++) {
      const scale = tolerance + tolerance * Math.abs(y[j]);
      d2 += ((f1[j] - f0[j]) / scale) ** 2;
    }
    d2 = Math.sqrt(d2 / D) / h0;
  }
  // Back to the starting state's evaluation, to the bit (ws.derivative was not touched).
  if (ws.trainBoth) {
    ws.shift = 0;
    evaluateFlow(ws, y, ws.derivative, true);
  } else {
    for (let r = 0; r < R; r++) {
      ws.pattern[r] = keptPattern[r];
      ws.logPattern[r] = keptLogPattern[r];
    }
    ws.accuracy = keptAccuracy;
    ws.piOpt = keptPiOpt;
    ws.shift = keptShift;
  }
  // A non-finite probe: start at h0 and let the controller shrink the step.
  if (!probeFinite || !Number.isFinite(d2)) return h0;
  const rate = Math.max(d1, d2);
  const h1 = rate <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / rate, 1 / (ADAPTIVE_ORDER + 1));
  return Math.min(100 * h0, h1, tMax);
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
