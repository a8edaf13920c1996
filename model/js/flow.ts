import { exp } from './exp.js';
import {
  REWARD_NEG_ENTROPY,
  REWARD_RLVR,
  REWARD_SELF_CERTAINTY,
  REWARD_TRAJECTORY_LOGPROB,
  type RunWorkspace,
} from './workspace.js';

/**
 * The exact (expected) gradient flow of docs/model.md §3 at state y, written to dy.
 *
 * Pattern layer:  dz_r/dt = pi(r) [ (R'(r) - R'bar) - beta (l(r) - KL) ],
 * computed as pi(r) (s_r - sum_q pi(q) s_q) with s_r = R'(r) - beta l(r)
 * (the same quantity: both centrings are by pi-weighted means), where
 * R'(r) = R(r) - beta KL_r with `train: both` (the joint KL splits into
 * pattern and answer parts) and R'(r) = R(r) otherwise.
 * Answer layer (`train: both`):
 *   dw_{r,a}/dt = pi(r) pi(a|r) [ (Rew(r,a) - R(r)) - beta (l(a|r) - KL_r) ].
 *
 * With `withReward = false` only the KL-penalty terms are written: the exact
 * part that the stochastic rules add to their sampled reward gradient.
 *
 * Side effects: fills ws.pattern, logPattern (and answer, logAnswer,
 * patternReward, answerKl with `train: both`), ws.accuracy, ws.piOpt and
 * ws.shift. Returns false when the state or its derivative is not finite.
 */
export function evaluateFlow(ws: RunWorkspace, y: Float64Array, dy: Float64Array, withReward: boolean): boolean {
  const inverse = patternExponentials(ws, y);
  if (inverse === 0) return false;
  if (ws.trainBoth) {
    normalisePattern(ws, y, inverse);
    return answerLayerFlow(ws, y, dy, withReward);
  }
  return patternOnlyFlow(ws, y, dy, withReward, inverse);
}

/**
 * First half of pi = softmax(z): ws.pattern = exp(z - shift), using the
 * previous log-normaliser as the shift (z is kept centred, so this neither
 * overflows nor underflows), falling back to the max when the state moved
 * far. Sets ws.shift to the new log-normaliser and returns 1 / sum (the
 * caller normalises, fused with its own pass), or 0 when z is not finite.
 */
function patternExponentials(ws: RunWorkspace, y: Float64Array): number {
  const R = ws.patterns;
  const pi = ws.pattern;
  let shift = ws.shift;
  let sum = 0;
  for (let r = 0; r < R; r++) {
    const e = exp(y[r] - shift);
    pi[r] = e;
    sum += e;
  }
  if (!(sum > 1e-200 && sum < 1e200)) {
    let max = -Infinity;
    for (let r = 0; r < R; r++) if (y[r] > max) max = y[r];
    if (!Number.isFinite(max)) return 0;
    shift = max;
    sum = 0;
    for (let r = 0; r < R; r++) {
      const e = exp(y[r] - shift);
      pi[r] = e;
      sum += e;
    }
    if (!(sum >= 1 && sum < Infinity)) return 0;
  }
  ws.shift = shift + Math.log(sum);
  return 1 / sum;
}

/** Second half of the softmax: pi *= inverse, log pi = z - log-normaliser. */
function normalisePattern(ws: RunWorkspace, y: Float64Array, inverse: number): void {
  const R = ws.patterns;
  const pi = ws.pattern;
  const logPi = ws.logPattern;
  const logNorm = ws.shift;
  for (let r = 0; r < R; r++) {
    pi[r] *= inverse;
    logPi[r] = y[r] - logNorm;
  }
}

/** `train: pattern`: the answer layer is frozen, so R(r) is ws.fixedReward (plus log pi(r) for trajectory-logprob). */
function patternOnlyFlow(ws: RunWorkspace, y: Float64Array, dy: Float64Array, withReward: boolean, inverse: number): boolean {
  const R = ws.patterns;
  const pi = ws.pattern;
  const logPi = ws.logPattern;
  const s = ws.score;
  const p = ws.initialSuccess;
  const fixed = ws.fixedReward;
  const logRef = ws.logReference;
  const beta = ws.beta;
  const logNorm = ws.shift;
  const rewardWeight = withReward ? 1 : 0;
  const logPiWeight = withReward && ws.reward === REWARD_TRAJECTORY_LOGPROB ? 1 : 0;
  // With beta = 0 and a reward free of log pi the score is the frozen reward
  // itself (the general expression reduces to it exactly, bit for bit), so the
  // score array and its per-pattern arithmetic are skipped on this hot path.
  const scoreIsReward = beta === 0 && withReward && logPiWeight === 0;
  const score = scoreIsReward ? fixed : s;
  let accuracy = 0;
  let dominant = 0;
  // The softmax's normalisation (normalisePattern) fused into this pass: same values, one pass fewer.
  if (scoreIsReward) {
    for (let r = 0; r < R; r++) {
      const q = pi[r] * inverse;
      pi[r] = q;
      logPi[r] = y[r] - logNorm;
      accuracy += q * p[r];
      if (q > pi[dominant]) dominant = r;
    }
  } else {
    for (let r = 0; r < R; r++) {
      const q = pi[r] * inverse;
      const lp = y[r] - logNorm;
      pi[r] = q;
      logPi[r] = lp;
      accuracy += q * p[r];
      s[r] = rewardWeight * fixed[r] + logPiWeight * lp - beta * (lp - logRef[r]);
      if (q > pi[dominant]) dominant = r;
    }
  }
  // Centre on the most likely pattern's score: its derivative is then
  // -pi(k) sum_{r != k} pi(r) (s_r - s_k), free of the cancellation that
  // s_k - mean suffers when pi(k) -> 1 (it would cap adaptive steps late in a run).
  const sk = score[dominant];
  let mean = 0;
  for (let r = 0; r < R; r++) mean += pi[r] * (score[r] - sk);
  if (!Number.isFinite(mean) || !Number.isFinite(accuracy)) return false;
  for (let r = 0; r < R; r++) dy[r] = pi[r] * (score[r] - sk - mean);
  ws.accuracy = accuracy;
  ws.piOpt = pi[ws.optimal];
  return true;
}

/** `train: both`: answer softmax per pattern, rewards from the current answer layer. */
function answerLayerFlow(ws: RunWorkspace, y: Float64Array, dy: Float64Array, withReward: boolean): boolean {
  const R = ws.patterns;
  const A = ws.answers;
  const pi = ws.pattern;
  const logPi = ws.logPattern;
  const pa = ws.answer;
  const logPa = ws.logAnswer;
  const logPaRef = ws.logAnswerReference;
  const rowReward = ws.patternReward;
  const kl = ws.answerKl;
  const s = ws.score;
  const beta = ws.beta;
  const logRef = ws.logReference;
  const reward = ws.reward;
  let accuracy = 0;
  let mean = 0;
  for (let r = 0; r < R; r++) {
    const base = r * A;
    let max = -Infinity;
    for (let a = 0; a < A; a++) if (y[R + base + a] > max) max = y[R + base + a];
    if (!Number.isFinite(max)) return false;
    let sum = 0;
    for (let a = 0; a < A; a++) {
      const e = exp(y[R + base + a] - max);
      pa[base + a] = e;
      sum += e;
    }
    const logNorm = max + Math.log(sum);
    const inverse = 1 / sum;
    let entropyTerm = 0; // sum_a pi(a|r) log pi(a|r)
    let logSum = 0; // sum_a log pi(a|r)
    let klr = 0;
    for (let a = 0; a < A; a++) {
      const q = pa[base + a] * inverse;
      const lq = y[R + base + a] - logNorm;
      pa[base + a] = q;
      logPa[base + a] = lq;
      entropyTerm += q * lq;
      logSum += lq;
      klr += q * (lq - logPaRef[base + a]);
    }
    let rr: number;
    if (reward === REWARD_RLVR) rr = pa[base];
    else if (reward === REWARD_SELF_CERTAINTY) rr = -logSum / A;
    else if (reward === REWARD_NEG_ENTROPY) rr = entropyTerm;
    else rr = logPi[r] + entropyTerm; // trajectory-logprob: E_a[log pi(r) + log pi(a|r)]
    rowReward[r] = rr;
    kl[r] = klr;
    accuracy += pi[r] * pa[base];
    const sr = (withReward ? rr : 0) - beta * klr - beta * (logPi[r] - logRef[r]);
    s[r] = sr;
    mean += pi[r] * sr;
  }
  if (!Number.isFinite(mean) || !Number.isFinite(accuracy)) return false;
  for (let r = 0; r < R; r++) {
    const q = pi[r];
    dy[r] = q * (s[r] - mean);
    const base = r * A;
    const rr = rowReward[r];
    const klr = kl[r];
    for (let a = 0; a < A; a++) {
      let advantage = 0;
      if (withReward) {
        if (reward === REWARD_RLVR) advantage = (a === 0 ? 1 : 0) - rr;
        else if (reward === REWARD_TRAJECTORY_LOGPROB) advantage = logPi[r] + logPa[base + a] - rr;
        // self-certainty and neg-entropy do not depend on a: no reward gradient on w.
      }
      dy[R + base + a] = q * pa[base + a] * (advantage - beta * (logPa[base + a] - logPaRef[base + a] - klr));
    }
  }
  ws.accuracy = accuracy;
  ws.piOpt = pi[ws.optimal];
  return true;
}

/**
 * Re-centres y to z = log pi (and w_r = log pi(.|r)) using the last
 * evaluation at y; the policy is unchanged (softmax is shift-invariant).
 */
export function recentre(ws: RunWorkspace, y: Float64Array): void {
  const R = ws.patterns;
  const logPi = ws.logPattern;
  for (let r = 0; r < R; r++) y[r] = logPi[r];
  ws.shift = 0;
  if (ws.trainBoth) {
    const logPa = ws.logAnswer;
    for (let k = 0; k < logPa.length; k++) y[R + k] = logPa[k];
  }
}

/**
 * dACC/dt at the state of the last evaluation, from its derivative dy:
 * sum_r p(r) dpi(r) + pi(r) dp(r), with dpi(r) = pi(r) (dz_r - sum_q pi(q) dz_q)
 * and dp(r) = pi(a*|r) (dw_{r,0} - sum_a pi(a|r) dw_{r,a}).
 */
export function accuracyRate(ws: RunWorkspace, dy: Float64Array): number {
  const R = ws.patterns;
  const A = ws.answers;
  const pi = ws.pattern;
  let meanDz = 0;
  for (let r = 0; r < R; r++) meanDz += pi[r] * dy[r];
  let rate = 0;
  for (let r = 0; r < R; r++) {
    const success = ws.trainBoth ? ws.answer[r * A] : ws.initialSuccess[r];
    rate += success * pi[r] * (dy[r] - meanDz);
    if (ws.trainBoth) {
      const base = r * A;
      let meanDw = 0;
      for (let a = 0; a < A; a++) meanDw += ws.answer[base + a] * dy[R + base + a];
      rate += pi[r] * ws.answer[base] * (dy[R + base] - meanDw);
    }
  }
  return rate;
}


/**
 * dpi(r*)/dt at the state of the last evaluation, from its derivative dy:
 * pi(r*) (dz_{r*} - sum_q pi(q) dz_q) (docs/model.md eq. (15)); the pattern
 * layer alone, with `train: both` too. t_conv and the pi(r*) samples are
 * located on the cubic Hermite interpolant with it (recorder.ts).
 */
export function optimalRate(ws: RunWorkspace, dy: Float64Array): number {
  const R = ws.patterns;
  const pi = ws.pattern;
  let meanDz = 0;
  for (let r = 0; r < R; r++) meanDz += pi[r] * dy[r];
  const k = ws.optimal;
  return pi[k] * (dy[k] - meanDz);
}

/**
 * ACC - p(r') at the last evaluation, as sum_r pi(r) (p(r) - p(r')) with
 * p(r) = pi(a*|r) (train: both) or the frozen p(r): the terms keep their
 * relative precision, so the sign is right even when the margin is far
 * below ACC's rounding error (recorder.ts, t_escape). p(r') is ws.escapeLevel.
 */
export function escapeMargin(ws: RunWorkspace): number {
  const R = ws.patterns;
  const A = ws.answers;
  const pi = ws.pattern;
  const level = ws.escapeLevel;
  let margin = 0;
  if (ws.trainBoth) {
    const pa = ws.answer;
    for (let r = 0; r < R; r++) margin += pi[r] * (pa[r * A] - level);
  } else {
    const p = ws.initialSuccess;
    for (let r = 0; r < R; r++) margin += pi[r] * (p[r] - level);
  }
  return margin;
}

/** End-of-run summary of the pattern policy at the last evaluation. */
export interface PatternSummary {
  /** argmax_r pi(r), lowest index on ties. */
  readonly argmax: number;
  /** -sum_r pi(r) log pi(r). */
  readonly entropy: number;
  /** KL(pi || pi_ref) = sum_r pi(r) (log pi(r) - log pi_ref(r)). */
  readonly klReference: number;
}

export function patternSummary(ws: RunWorkspace): PatternSummary {
  const R = ws.patterns;
  const pi = ws.pattern;
  const logPi = ws.logPattern;
  let argmax = 0;
  let entropy = 0;
  let kl = 0;
  for (let r = 0; r < R; r++) {
    if (pi[r] > pi[argmax]) argmax = r;
    entropy -= pi[r] * logPi[r];
    kl += pi[r] * (logPi[r] - ws.logReference[r]);
  }
  return { argmax, entropy, klReference: kl };
}
