import { STREAM_ROLLOUTS, uniformPair } from '../random.js';
import { evaluateFlow } from './flow.js';
import type { RunRecorder } from './recorder.js';
import {
  REWARD_RLVR,
  REWARD_TRAJECTORY_LOGPROB,
  type RunWorkspace,
} from './workspace.js';

/** Which sampled estimator of docs/model.md §3 to use. */
export const ESTIMATOR_REINFORCE = 0;
export const ESTIMATOR_GRPO = 1;

/** GRPO's advantage denominator guard: (reward - mean) / (std + 1e-6). */
export const GRPO_STD_GUARD = 1e-6;

/** Identifies the run's random stream (model/random.ts key layout). */
export interface RolloutKey {
  readonly seed: number;
  readonly gridIndex: number;
  readonly replicate: number;
}

/**
 * `reinforce` / `grpo` (docs/model.md §3, stochastic rules). Each training step t_n
 * -> t_n + eta samples N rollouts r ~ pi, a ~ pi(.|r) with uniforms
 * (seed, gridIndex, replicate, stream 0, step n, rollout i), and sets
 *   z (and w with `train: both`) += eta * (g_hat + g_KL),
 * where g_KL is the exact KL-penalty gradient (flow with withReward = false)
 * and g_hat the sampled reward gradient:
 * - reinforce: (1/N) sum_i (Rew_i - b) grad log pi(r_i, a_i), b = batch mean,
 *   scaled by N/(N-1): with that factor Rew_i - b becomes Rew_i minus the mean
 *   of the *other* rollouts (leave-one-out), which makes g_hat unbiased, so the
 *   rule tracks the exact flow as N grows and eta -> 0.
 * - grpo: (1/G) sum_i (Rew_i - mean) / (std + 1e-6) grad log pi(r_i, a_i),
 *   std the population standard deviation of the group.
 * Rewards per rollout: rlvr 1[a = a*]; self-certainty, neg-entropy R(r_i);
 * trajectory-logprob log pi(r_i) + log pi(a_i|r_i).
 * Precondition: the flow was evaluated at ws.state with withReward = false.
 */
export function integrateStochastic(
  ws: RunWorkspace,
  recorder: RunRecorder,
  key: RolloutKey,
  estimator: number,
  rollouts: number,
  eta: number,
  tMax: number,
  maxSteps: number,
): void {
  const R = ws.patterns;
  const A = ws.answers;
  const D = ws.dimension;
  const pi = ws.pattern;
  const cumulative = ws.cumulative;
  const samplePattern = ws.rolloutPattern;
  const sampleAnswer = ws.rolloutAnswer;
  const sampleReward = ws.rolloutReward;
  const estimate = ws.estimate;
  const u = ws.uniforms;
  const words = ws.words;
  const N = rollouts;
  let step = 0;
  let t = 0;
  while (t < tMax && step < maxSteps) {
    let total = 0;
    for (let r = 0; r < R; r++) {
      total += pi[r];
      cumulative[r] = total;
    }
    const pa = ws.answer;
    const logPa = ws.logAnswer;
    const logPi = ws.logPattern;
    let rewardSum = 0;
    for (let i = 0; i < N; i++) {
      uniformPair(key.seed, key.gridIndex, key.replicate, STREAM_ROLLOUTS, step, i, words, u, 0);
      // r: first index with cumulative > u * total (binary search; never a zero-probability pattern).
      const target = u[0] * total;
      let lo = 0;
      let hi = R - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid] > target) hi = mid;
        else lo = mid + 1;
      }
      const r = lo;
      const base = r * A;
      let rowTotal = 0;
      for (let a = 0; a < A; a++) rowTotal += pa[base + a];
      const answerTarget = u[1] * rowTotal;
      let a = A - 1;
      let running = 0;
      for (let k = 0; k < A; k++) {
        running += pa[base + k];
        if (running > answerTarget) {
          a = k;
          break;
        }
      }
      let reward: number;
      if (ws.reward === REWARD_RLVR) reward = a === 0 ? 1 : 0;
      else if (ws.reward === REWARD_TRAJECTORY_LOGPROB) reward = logPi[r] + logPa[base + a];
      else reward = ws.trainBoth ? ws.patternReward[r] : ws.fixedReward[r];
      samplePattern[i] = r;
      sampleAnswer[i] = a;
      sampleReward[i] = reward;
      rewardSum += reward;
    }
    const mean = rewardSum / N;
    let scale: number;
    if (estimator === ESTIMATOR_GRPO) {
      let squares = 0;
      for (let i = 0; i < N; i++) {
        const d = sampleReward[i] - mean;
        squares += d * d;
      }
      scale = 1 / ((Math.sqrt(squares / N) + GRPO_STD_GUARD) * N);
    } else {
      scale = 1 / (N - 1);
    }
    estimate.fill(0);
    let coefficientSum = 0;
    for (let i = 0; i < N; i++) {
      const c = (sampleReward[i] - mean) * scale;
      const r = samplePattern[i];
      estimate[r] += c;
      coefficientSum += c;
      if (ws.trainBoth) {
        // grad_w log pi(a|r) = e_a - pi(.|r) on row r.
        const base = r * A;
        estimate[R + base + sampleAnswer[i]] += c;
        for (let k = 0; k < A; k++) estimate[R + base + k] -= c * pa[base + k];
      }
    }
    // grad_z log pi(r) = e_r - pi.
    for (let r = 0; r < R; r++) estimate[r] -= coefficientSum * pi[r];

    const next = ws.candidate;
    const dy = ws.derivative;
    for (let r = 0; r < R; r++) next[r] = logPi[r] + eta * (dy[r] + estimate[r]);
    for (let k = R; k < D; k++) next[k] = logPa[k - R] + eta * (dy[k] + estimate[k]);
    ws.shift = 0;
    if (!evaluateFlow(ws, next, dy, false)) {
      ws.diverged = true;
      break;
    }
    step++;
    t = step * eta;
    ws.acceptCandidate();
    recorder.record(t, ws.accuracy, ws.piOpt);
  }
  ws.steps = step;
  ws.time = t;
}
