/**
 * Per-run set-up in float64, shared by every tfjs runtime: pattern ranks,
 * initial answer layer, SFT warm start, ACC and dACC/dt at t = 0 and the
 * regime (MODEL.md §1, §4, §5). It is O(R A) per run, so it runs in JS with
 * the reference kernel's own flow (model/js/flow.ts): acc0, d_acc0, regime,
 * the event thresholds and the starting state are then the js backend's bits,
 * and only the time stepping runs as tensors.
 *
 * This mirrors the start of `simulateRow` in model/js/run.ts; keep them in step
 * (a shared `prepareRow` there would remove the copy).
 */
import type { RunBatch } from '../batch.js';
import { accuracyRate, evaluateFlow, recentre } from '../js/flow.js';
import { REWARD_RLVR, REWARD_SELF_CERTAINTY, RunWorkspace } from '../js/workspace.js';

/** Same floor as model/js/run.ts: log pi(a|r) of a zero-probability answer. */
const LOG_FLOOR_PROBABILITY = 1e-300;

export const REGIME_MONOTONE = 1;
export const REGIME_ENTANGLED = 2;
export const REGIME_OTHER = 3;

/** Starting point and per-run constants of n runs (row-major like RunBatch). */
export interface RunStarts {
  readonly size: number;
  readonly patterns: number;
  readonly answers: number;
  /** [n, D] starting logits after SFT, re-centred: z = log pi (then w = log pi(.|r) with `train: both`). */
  readonly state: Float64Array;
  readonly dimension: number;
  readonly success: Float64Array; // [n, R]
  readonly fixedReward: Float64Array; // [n, R]
  readonly logReference: Float64Array; // [n, R]
  readonly logAnswerReference: Float64Array; // [n, R, A]
  readonly optimal: Int32Array;
  readonly worst: Int32Array;
  readonly acc0: Float64Array;
  readonly piOpt0: Float64Array;
  readonly dAcc0: Float64Array;
  readonly regime: Float64Array;
  /** 1 - eps: t_conv is the first time pi(r*) reaches it. */
  readonly convThreshold: Float64Array;
  /** p(r'), r' the best rival: t_escape is the first time ACC exceeds it. */
  readonly escapeThreshold: Float64Array;
  /** 1 when the starting state is already non-finite (e.g. a diverging SFT). */
  readonly nonFinite: Uint8Array;
}

export function prepareRuns(batch: RunBatch): RunStarts {
  const shape = batch.shape;
  const n = batch.size;
  const R = shape.patterns;
  const A = shape.answers;
  const ws = new RunWorkspace(shape);
  const D = ws.dimension;
  const starts = {
    size: n,
    patterns: R,
    answers: A,
    dimension: D,
    state: new Float64Array(n * D),
    success: new Float64Array(n * R),
    fixedReward: new Float64Array(n * R),
    logReference: new Float64Array(n * R),
    logAnswerReference: new Float64Array(n * R * A),
    optimal: new Int32Array(n),
    worst: new Int32Array(n),
    acc0: new Float64Array(n),
    piOpt0: new Float64Array(n),
    dAcc0: new Float64Array(n),
    regime: new Float64Array(n),
    convThreshold: new Float64Array(n),
    escapeThreshold: new Float64Array(n),
    nonFinite: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) prepareRow(batch, i, ws, starts);
  return starts;
}

function prepareRow(batch: RunBatch, i: number, ws: RunWorkspace, out: RunStarts): void {
  const R = ws.patterns;
  const A = ws.answers;
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
    ws.fixedReward[r] = ws.reward === REWARD_RLVR ? p[r] : ws.reward === REWARD_SELF_CERTAINTY ? -logSum / A : entropyTerm;
  }
  const y = ws.state;
  for (let r = 0; r < R; r++) {
    y[r] = Math.log(batch.initialPattern[i * R + r]);
    ws.logReference[r] = Math.log(batch.referencePattern[i * R + r]);
  }
  if (ws.trainBoth) for (let k = 0; k < R * A; k++) y[R + k] = logPa[k];
  ws.beta = batch.beta[i];
  ws.optimal = optimal;
  ws.shift = 0;
  const sftSteps = batch.sftSteps[i];
  if (sftSteps > 0 && batch.sftTarget !== null) sftWarmStart(y, R, batch.sftTarget, i * R, batch.sftRate[i], sftSteps);

  out.success.set(p, i * R);
  out.fixedReward.set(ws.fixedReward, i * R);
  out.logReference.set(ws.logReference, i * R);
  out.logAnswerReference.set(ws.logAnswerReference, i * R * A);
  out.optimal[i] = optimal;
  out.worst[i] = worst;
  out.convThreshold[i] = 1 - batch.epsilon[i];
  const pRival = p[rival];
  out.escapeThreshold[i] = pRival;
  if (!evaluateFlow(ws, y, ws.derivative, true)) {
    out.nonFinite[i] = 1;
    out.regime[i] = REGIME_OTHER;
    return;
  }
  recentre(ws, y);
  out.state.set(y, i * ws.dimension);
  const acc0 = ws.accuracy;
  out.acc0[i] = acc0;
  out.piOpt0[i] = ws.piOpt;
  out.dAcc0[i] = accuracyRate(ws, ws.derivative);
  const pThird = third >= 0 ? p[third] : -Infinity;
  out.regime[i] = acc0 > pRival ? REGIME_MONOTONE : pRival > acc0 && acc0 > pThird ? REGIME_ENTANGLED : REGIME_OTHER;
}

/** Same as model/js/run.ts: cross-entropy steps z -= rate (pi - target). */
function sftWarmStart(z: Float64Array, R: number, target: Float64Array, offset: number, rate: number, steps: number): void {
  for (let s = 0; s < steps; s++) {
    let max = -Infinity;
    for (let r = 0; r < R; r++) if (z[r] > max) max = z[r];
    let sum = 0;
    for (let r = 0; r < R; r++) sum += Math.exp(z[r] - max);
    for (let r = 0; r < R; r++) z[r] -= rate * (Math.exp(z[r] - max) / sum - target[offset + r]);
  }
}

/**
 * Loads row i's constants into a js workspace so the final state can be
 * evaluated with the reference flow (float64) for the end-of-run statistics.
 */
export function loadRow(ws: RunWorkspace, starts: RunStarts, batch: RunBatch, i: number): void {
  const R = starts.patterns;
  const A = starts.answers;
  ws.initialSuccess.set(starts.success.subarray(i * R, (i + 1) * R));
  ws.fixedReward.set(starts.fixedReward.subarray(i * R, (i + 1) * R));
  ws.logReference.set(starts.logReference.subarray(i * R, (i + 1) * R));
  ws.logAnswerReference.set(starts.logAnswerReference.subarray(i * R * A, (i + 1) * R * A));
  ws.beta = batch.beta[i];
  ws.optimal = starts.optimal[i];
  ws.shift = 0;
}
