import type { RunRecorder } from './recorder.js';
import { REWARD_RLVR, REWARD_TRAJECTORY_LOGPROB, type RunWorkspace } from './workspace.js';

/*
 * e^x - 1 for the small logit increments x = eta dz_r of one Euler step,
 * as truncated Taylor series. The kernel forms
 * pi(r) e^x as q + q (e^x - 1): one rounding of a result near q, so with a
 * truncation error below 2^-54 (half an ulp of numbers just under 1) the
 * step is exact to rounding (error < 1 ulp), like Math.exp, at a fraction of
 * its cost. (They live in this module on purpose: imported from another
 * module they were not inlined into the loops here: the kernel ran 5x slower.)
 *
 * Limits: the first omitted term |x|^(n+1)/(n+1)! stays below 2^-54 = 5.6e-17
 * (degree 4: 4.5e-17 at 1.4e-3; degree 5: 3.9e-17 at 5.5e-3; degree 7:
 * 1.6e-17 at 0.03). Lower degrees are cheaper: a step at R = 64 and
 * eta = 0.05 has |x| < 1e-3, one at R = 8 a few 1e-3.
 */

const EXPM1_DEGREE4_LIMIT = 1.4e-3;
const EXPM1_DEGREE5_LIMIT = 5.5e-3;
const EXPM1_DEGREE7_LIMIT = 0.03;

/** e^x - 1 for |x| < EXPM1_DEGREE4_LIMIT. */
function expm1Degree4(x: number): number {
  const x2 = x * x;
  return x + x2 * (0.5 + x * (1 / 6) + x2 * (1 / 24));
}

/** e^x - 1 for |x| < EXPM1_DEGREE5_LIMIT. */
function expm1Degree5(x: number): number {
  const x2 = x * x;
  return x + x2 * (0.5 + x * (1 / 6) + x2 * (1 / 24 + x * (1 / 120)));
}

/** e^x - 1 for |x| < EXPM1_DEGREE7_LIMIT (Estrin's form: a short dependency chain). */
function expm1Degree7(x: number): number {
  const x2 = x * x;
  const x4 = x2 * x2;
  return x + (x2 * (0.5 + x * (1 / 6)) + x4 * (1 / 24 + x * (1 / 120) + x2 * (1 / 720 + x * (1 / 5040))));
}

/** q e^x, exact to rounding: q + q (e^x - 1) on the Taylor range, Math.exp outside it. */
function scaleByExp(q: number, x: number): number {
  return x < EXPM1_DEGREE7_LIMIT && x > -EXPM1_DEGREE7_LIMIT ? q + q * expm1Degree7(x) : q * Math.exp(x);
}

/**
 * `euler` with `train: pattern`, fused (the throughput path of the kernel).
 *
 * Same step as integrateEuler, z_{n+1} = z_n + eta dz/dt (docs/model.md §3), but
 * the state is carried as (pi, log pi) and updated multiplicatively,
 * pi_{n+1}(r) proportional to pi_n(r) exp(eta dz_r), with exp of the small step
 * x = eta dz_r from a Taylor polynomial (exact to rounding, see expm1Degree4 above)
 * instead of Math.exp of the whole logit, and one division per step for the
 * normaliser. One pass over R per step: the step, plus ACC and the pi-mean
 * of s_r = R(r) - beta l(r) of the new state (normalised after the pass).
 * Buffers alternate so the last finite state survives NaN/Inf.
 *
 * Precondition: the flow was evaluated at ws.state (ws.pattern, ws.logPattern
 * hold pi and log pi at t = 0) and the recorder was started.
 */
export function integrateEulerPattern(ws: RunWorkspace, recorder: RunRecorder, eta: number, tMax: number, maxSteps: number): void {
  if (ws.beta !== 0 || ws.reward === REWARD_TRAJECTORY_LOGPROB) integrateWithLogs(ws, recorder, eta, tMax, maxSteps);
  else if (ws.reward === REWARD_RLVR) integrateSuccessReward(ws, recorder, eta, tMax, maxSteps);
  else integrateFixedReward(ws, recorder, eta, tMax, maxSteps);
}

/** Polynomial tiers of integrateSuccessReward, by the bound on max_r |x_r| of the step. */
const TIER_DEGREE4 = 0;
const TIER_DEGREE5 = 1;
const TIER_DEGREE7 = 2;
const TIER_ANY = 3; // per-element choice between the degree-7 polynomial and Math.exp

function tierOf(bound: number): number {
  return bound < EXPM1_DEGREE4_LIMIT
    ? TIER_DEGREE4
    : bound < EXPM1_DEGREE5_LIMIT
      ? TIER_DEGREE5
      : bound < EXPM1_DEGREE7_LIMIT
        ? TIER_DEGREE7
        : TIER_ANY;
}

function tierLimit(tier: number): number {
  return tier === TIER_DEGREE4 ? EXPM1_DEGREE4_LIMIT : tier === TIER_DEGREE5 ? EXPM1_DEGREE5_LIMIT : EXPM1_DEGREE7_LIMIT;
}

/** Steps after which the bound on |x| is recomputed exactly even if it did not reach its tier's limit (lets the tier drop). */
const BOUND_REFRESH_INTERVAL = 64;

/**
 * max_r pi(r) |reward(r) - mean|: times eta / sum(pi), the largest |x_r| of the
 * next step.
 */
function largestDeviation(pi: Float64Array, reward: Float64Array, mean: number, R: number): number {
  let largest = 0;
  for (let r = 0; r < R; r++) {
    const d = pi[r] * Math.abs(reward[r] - mean);
    if (d > largest) largest = d;
  }
  return largest;
}

/**
 * rlvr with beta = 0: R(r) = p(r), so the mean reward is ACC and one
 * accumulator serves both. Every step runs a branch-free loop with the
 * cheapest polynomial valid for all its elements, chosen from a bound B on
 * max_r |x_r|. B is computed exactly (largestDeviation) now and then and
 * carried between: with q' = q e^x / sum_s q_s e^{x_s} and |x| <= B,
 * q'(r) <= q(r) e^{2B}, and |R(r) - mean'| <= |R(r) - mean| + |mean' - mean|,
 * so B' = (1 + 3B)(B + eta |mean' - mean|) bounds the next step (e^{2B} <= 1 + 3B
 * for B < 0.03; q <= 1). The bound is recomputed when it leaves its tier or
 * every BOUND_REFRESH_INTERVAL steps. Only the choice of polynomial depends
 * on B, and every choice is exact to rounding.
 */
function integrateSuccessReward(ws: RunWorkspace, recorder: RunRecorder, eta: number, tMax: number, maxSteps: number): void {
  const R = ws.patterns;
  const p = ws.initialSuccess;
  const optimal = ws.optimal;
  // pi holds the unnormalised state; q = pi * inverse is the policy (normalised on the fly).
  let pi = ws.eulerPattern[0];
  let nextPi = ws.eulerPattern[1];
  pi.set(ws.pattern);
  let inverse = 1;
  let accuracy = 0;
  for (let r = 0; r < R; r++) accuracy += pi[r] * p[r];
  let bound = 0;
  let tier = TIER_ANY;
  let sinceRefresh = BOUND_REFRESH_INTERVAL;
  let step = 0;
  let t = 0;
  for (;;) {
    if (step > 0) recorder.record(t, accuracy, pi[optimal] * inverse);
    if (!(t < tMax && step < maxSteps)) break;
    const mean = accuracy;
    if (sinceRefresh >= BOUND_REFRESH_INTERVAL || (tier !== TIER_ANY && !(bound < tierLimit(tier)))) {
      bound = eta * inverse * largestDeviation(pi, p, mean, R);
      tier = tierOf(bound);
      sinceRefresh = 0;
    }
    sinceRefresh++;
    // One pass: the step and ACC of the new state (normalised after the loop). Two
    // interleaved accumulators halve the reduction chains (a step is latency-bound at small R).
    let sum = 0;
    let nextAccuracy = 0;
    let sumOdd = 0;
    let accuracyOdd = 0;
    let r = 0;
    if (tier === TIER_DEGREE4) {
      for (; r + 1 < R; r += 2) {
        const q = pi[r] * inverse;
        const q1 = pi[r + 1] * inverse;
        const p_r = p[r];
        const p_1 = p[r + 1];
        const e = q + q * expm1Degree4(eta * q * (p_r - mean));
        const e1 = q1 + q1 * expm1Degree4(eta * q1 * (p_1 - mean));
        nextPi[r] = e;
        nextPi[r + 1] = e1;
        sum += e;
        sumOdd += e1;
        nextAccuracy += e * p_r;
        accuracyOdd += e1 * p_1;
      }
    } else if (tier === TIER_DEGREE5) {
      for (; r + 1 < R; r += 2) {
        const q = pi[r] * inverse;
        const q1 = pi[r + 1] * inverse;
        const p_r = p[r];
        const p_1 = p[r + 1];
        const e = q + q * expm1Degree5(eta * q * (p_r - mean));
        const e1 = q1 + q1 * expm1Degree5(eta * q1 * (p_1 - mean));
        nextPi[r] = e;
        nextPi[r + 1] = e1;
        sum += e;
        sumOdd += e1;
        nextAccuracy += e * p_r;
        accuracyOdd += e1 * p_1;
      }
    } else if (tier === TIER_DEGREE7) {
      for (; r + 1 < R; r += 2) {
        const q = pi[r] * inverse;
        const q1 = pi[r + 1] * inverse;
        const p_r = p[r];
        const p_1 = p[r + 1];
        const e = q + q * expm1Degree7(eta * q * (p_r - mean));
        const e1 = q1 + q1 * expm1Degree7(eta * q1 * (p_1 - mean));
        nextPi[r] = e;
        nextPi[r + 1] = e1;
        sum += e;
        sumOdd += e1;
        nextAccuracy += e * p_r;
        accuracyOdd += e1 * p_1;
      }
    } else {
      for (; r + 1 < R; r += 2) {
        const q = pi[r] * inverse;
        const q1 = pi[r + 1] * inverse;
        const p_r = p[r];
        const p_1 = p[r + 1];
        const e = scaleByExp(q, eta * q * (p_r - mean));
        const e1 = scaleByExp(q1, eta * q1 * (p_1 - mean));
        nextPi[r] = e;
        nextPi[r + 1] = e1;
        sum += e;
        sumOdd += e1;
        nextAccuracy += e * p_r;
        accuracyOdd += e1 * p_1;
      }
    }
    if (r < R) {
      // Odd R: the last element with the per-element choice (the same value as any tier's polynomial would give).
      const q = pi[r] * inverse;
      const p_r = p[r];
      const e = tierScale(tier, q, eta * q * (p_r - mean));
      nextPi[r] = e;
      sum += e;
      nextAccuracy += e * p_r;
    }
    sum += sumOdd;
    nextAccuracy += accuracyOdd;
    if (!(sum > 0 && sum < Infinity)) {
      ws.diverged = true;
      break;
    }
    inverse = 1 / sum;
    accuracy = nextAccuracy * inverse;
    if (tier !== TIER_ANY) bound = (1 + 3 * bound) * (bound + eta * Math.abs(accuracy - mean));
    const swap = pi;
    pi = nextPi;
    nextPi = swap;
    step++;
    t = step * eta;
  }
  finishPattern(ws, pi, inverse, accuracy, step, t);
}

/** q e^x with the polynomial of `tier` (TIER_ANY: per element). */
function tierScale(tier: number, q: number, x: number): number {
  if (tier === TIER_DEGREE4) return q + q * expm1Degree4(x);
  if (tier === TIER_DEGREE5) return q + q * expm1Degree5(x);
  if (tier === TIER_DEGREE7) return q + q * expm1Degree7(x);
  return scaleByExp(q, x);
}

/** Writes the final policy pi = stored * inverse and log pi to the workspace, and the run's outcome. */
function finishPattern(ws: RunWorkspace, pi: Float64Array, inverse: number, accuracy: number, step: number, t: number): void {
  const R = ws.patterns;
  for (let r = 0; r < R; r++) {
    const q = pi[r] * inverse;
    ws.pattern[r] = q;
    ws.logPattern[r] = Math.log(q);
  }
  ws.state.set(ws.logPattern);
  ws.shift = 0;
  ws.accuracy = accuracy;
  ws.piOpt = ws.pattern[ws.optimal];
  ws.steps = step;
  ws.time = t;
}

/**
 * beta = 0 and a reward that reads neither log pi nor is p(r) (self-certainty,
 * neg-entropy with the answer layer frozen): R(r) is constant, log pi is
 * needed only at the end; ACC and the mean reward are separate sums.
 */
function integrateFixedReward(ws: RunWorkspace, recorder: RunRecorder, eta: number, tMax: number, maxSteps: number): void {
  const R = ws.patterns;
  const p = ws.initialSuccess;
  const reward = ws.fixedReward;
  const optimal = ws.optimal;
  let pi = ws.eulerPattern[0];
  let nextPi = ws.eulerPattern[1];
  pi.set(ws.pattern);
  let inverse = 1;
  let accuracy = 0;
  let mean = 0;
  for (let r = 0; r < R; r++) {
    accuracy += pi[r] * p[r];
    mean += pi[r] * reward[r];
  }
  let step = 0;
  let t = 0;
  for (;;) {
    if (step > 0) recorder.record(t, accuracy, pi[optimal] * inverse);
    if (!(t < tMax && step < maxSteps)) break;
    let sum = 0;
    let nextAccuracy = 0;
    let nextMean = 0;
    let sumOdd = 0;
    let accuracyOdd = 0;
    let meanOdd = 0;
    let r = 0;
    for (; r + 1 < R; r += 2) {
      const q = pi[r] * inverse;
      const q1 = pi[r + 1] * inverse;
      const reward_r = reward[r];
      const reward_1 = reward[r + 1];
      const e = scaleByExp(q, eta * q * (reward_r - mean));
      const e1 = scaleByExp(q1, eta * q1 * (reward_1 - mean));
      nextPi[r] = e;
      nextPi[r + 1] = e1;
      sum += e;
      sumOdd += e1;
      nextAccuracy += e * p[r];
      accuracyOdd += e1 * p[r + 1];
      nextMean += e * reward_r;
      meanOdd += e1 * reward_1;
    }
    if (r < R) {
      const q = pi[r] * inverse;
      const reward_r = reward[r];
      const e = scaleByExp(q, eta * q * (reward_r - mean));
      nextPi[r] = e;
      sum += e;
      nextAccuracy += e * p[r];
      nextMean += e * reward_r;
    }
    sum += sumOdd;
    nextAccuracy += accuracyOdd;
    nextMean += meanOdd;
    if (!(sum > 0 && sum < Infinity)) {
      ws.diverged = true;
      break;
    }
    inverse = 1 / sum;
    accuracy = nextAccuracy * inverse;
    mean = nextMean * inverse;
    const swap = pi;
    pi = nextPi;
    nextPi = swap;
    step++;
    t = step * eta;
  }
  finishPattern(ws, pi, inverse, accuracy, step, t);
}

/** Steps between re-centrings of the carried log pi (keeps it O(log 1/pi); costs R exps). */
const RECENTRE_INTERVAL = 256;

/**
 * General pattern-layer Euler: log pi is carried along for the KL term and
 * trajectory-logprob, as raw_r = log pi(r) + C with a common unknown C (the
 * per-step log-normaliser is not taken: that would be a Math.log per step).
 * s_r = R(r) + w log pi(r) - beta (log pi(r) - log pi_ref(r)), w = 1 for
 * trajectory-logprob, is offset_r + slope log pi(r) with
 * offset_r = R(r) + beta log pi_ref(r) and slope = w - beta; computed from raw
 * it is shifted by slope * C for every r, which cancels in s_r - mean. raw is
 * re-centred (C = 0) every RECENTRE_INTERVAL steps and at the end.
 */
function integrateWithLogs(ws: RunWorkspace, recorder: RunRecorder, eta: number, tMax: number, maxSteps: number): void {
  const R = ws.patterns;
  const p = ws.initialSuccess;
  const beta = ws.beta;
  const slope = (ws.reward === REWARD_TRAJECTORY_LOGPROB ? 1 : 0) - beta;
  const offset = ws.score;
  for (let r = 0; r < R; r++) offset[r] = ws.fixedReward[r] + beta * ws.logReference[r];
  const optimal = ws.optimal;
  let pi = ws.eulerPattern[0];
  let raw = ws.eulerLogPattern[0];
  let nextPi = ws.eulerPattern[1];
  let nextRaw = ws.eulerLogPattern[1];
  pi.set(ws.pattern);
  raw.set(ws.logPattern);
  let inverse = 1;
  let accuracy = 0;
  let mean = 0;
  for (let r = 0; r < R; r++) {
    accuracy += pi[r] * p[r];
    mean += pi[r] * (offset[r] + slope * raw[r]);
  }
  let step = 0;
  let t = 0;
  for (;;) {
    if (step > 0) recorder.record(t, accuracy, pi[optimal] * inverse);
    if (!(t < tMax && step < maxSteps)) break;
    // x_r = eta dz_r = eta pi(r) (s_r - mean); pi' = pi e^x, raw' = raw + x; one pass,
    // accumulating ACC and the mean score of the new state.
    // Two interleaved accumulators halve the reduction chains (a step is latency-bound at small R).
    let sum = 0;
    let nextAccuracy = 0;
    let nextMean = 0;
    let sumOdd = 0;
    let accuracyOdd = 0;
    let meanOdd = 0;
    let r = 0;
    for (; r + 1 < R; r += 2) {
      const q = pi[r] * inverse;
      const q1 = pi[r + 1] * inverse;
      const offset_r = offset[r];
      const offset_1 = offset[r + 1];
      const raw_r = raw[r];
      const raw_1 = raw[r + 1];
      const x = eta * q * (offset_r + slope * raw_r - mean);
      const x1 = eta * q1 * (offset_1 + slope * raw_1 - mean);
      const e = scaleByExp(q, x);
      const e1 = scaleByExp(q1, x1);
      const next_r = raw_r + x;
      const next_1 = raw_1 + x1;
      nextPi[r] = e;
      nextPi[r + 1] = e1;
      nextRaw[r] = next_r;
      nextRaw[r + 1] = next_1;
      sum += e;
      sumOdd += e1;
      nextAccuracy += e * p[r];
      accuracyOdd += e1 * p[r + 1];
      nextMean += e * (offset_r + slope * next_r);
      meanOdd += e1 * (offset_1 + slope * next_1);
    }
    if (r < R) {
      const q = pi[r] * inverse;
      const offset_r = offset[r];
      const raw_r = raw[r];
      const x = eta * q * (offset_r + slope * raw_r - mean);
      const e = scaleByExp(q, x);
      const next_r = raw_r + x;
      nextPi[r] = e;
      nextRaw[r] = next_r;
      sum += e;
      nextAccuracy += e * p[r];
      nextMean += e * (offset_r + slope * next_r);
    }
    sum += sumOdd;
    nextAccuracy += accuracyOdd;
    nextMean += meanOdd;
    if (!(sum > 0 && sum < Infinity && Number.isFinite(nextMean))) {
      ws.diverged = true;
      break;
    }
    inverse = 1 / sum;
    accuracy = nextAccuracy * inverse;
    mean = nextMean * inverse;
    const swapPi = pi;
    pi = nextPi;
    nextPi = swapPi;
    const swapRaw = raw;
    raw = nextRaw;
    nextRaw = swapRaw;
    step++;
    t = step * eta;
    if ((step & (RECENTRE_INTERVAL - 1)) === 0) mean -= slope * recentreLogs(raw, R);
  }
  recentreLogs(raw, R);
  for (let r = 0; r < R; r++) {
    ws.pattern[r] = pi[r] * inverse;
    ws.logPattern[r] = raw[r];
  }
  ws.state.set(ws.logPattern);
  ws.shift = 0;
  ws.accuracy = accuracy;
  ws.piOpt = ws.pattern[optimal];
  ws.steps = step;
  ws.time = t;
}

/** Subtracts C = logsumexp(raw) from raw (so raw = log pi) and returns C. */
function recentreLogs(raw: Float64Array, R: number): number {
  let max = -Infinity;
  for (let r = 0; r < R; r++) if (raw[r] > max) max = raw[r];
  let sum = 0;
  for (let r = 0; r < R; r++) sum += Math.exp(raw[r] - max);
  const c = max + Math.log(sum);
  for (let r = 0; r < R; r++) raw[r] -= c;
  return c;
}
