/**
 * The exact gradient flow of docs/model.md §3 as tensor ops over a chunk of runs:
 * z is [n, R] (pattern logits), w is [n, R, A] (answer logits, `train: both`).
 * Same formulas as model/js/flow.ts (the float64 reference), in float32:
 *   dz_r = pi(r) (s_r - sum_q pi(q) s_q),  s_r = R'(r) - beta l(r),
 *   dw_{r,a} = pi(r) pi(a|r) [ (Rew(r,a) - R(r)) - beta (l(a|r) - KL_r) ].
 * Every reduction runs along the last axis of one row, so a run's numbers do
 * not depend on the other rows of the chunk (checked by test/model/backends).
 * Softmaxes subtract the row max and logs come from log-softmax (never log of
 * a probability), which keeps float32 finite for pi down to 1e-38 and beyond.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type { Reward } from '../batch.js';

type Tf = typeof tfc;
type Tensor = tfc.Tensor;

/** Per-chunk constants of the flow (uploaded once per chunk). */
export interface FlowConstants {
  readonly reward: Reward;
  readonly trainBoth: boolean;
  readonly answers: number;
  /** [n, R] p(r) at t = 0 (the frozen success rates with `train: pattern`). */
  readonly success: Tensor;
  /** [n, R] R(r) with the answer layer frozen (`train: pattern`). */
  readonly fixedReward: Tensor;
  /** [n, R] log pi_ref(r). */
  readonly logReference: Tensor;
  /** [n, R, A] log pi_0(a|r), the answer reference (`train: both`), else null. */
  readonly logAnswerReference: Tensor | null;
  /** [n, 1] beta. */
  readonly beta: Tensor;
  /** False when every row of the chunk has beta = 0: the KL terms are exactly 0 and skipped. */
  readonly penalised: boolean;
  /** [n, R] 1 at r*, else 0. */
  readonly optimalMask: Tensor;
  /** [1, 1, A] 1 at a* = 0, else 0. */
  readonly correctAnswer: Tensor;
  /** exp implementation (wasm: from sigmoid, which XNNPACK vectorises; see exp.ts). */
  readonly exp: (x: Tensor) => Tensor;
}

/** The flow at one state, with the quantities the statistics need. */
export interface FlowValue {
  readonly pi: Tensor; // [n, R]
  readonly logPi: Tensor; // [n, R], the re-centred z
  readonly dz: Tensor; // [n, R]
  readonly pa: Tensor | null; // [n, R, A]
  readonly logPa: Tensor | null; // [n, R, A], the re-centred w
  readonly dw: Tensor | null; // [n, R, A]
  /** [n, R] R(r) at the current answer layer (`train: both`), else null. */
  readonly rowReward: Tensor | null;
  /** [n, 1] ACC, with NaN when the flow is not finite (ACC + 0 * mean score). */
  readonly acc: Tensor;
  /** [n, 1] pi(r*). */
  readonly piOpt: Tensor;
}

/** softmax and log-softmax along the last axis. */
export function logSoftmax(tf: Tf, x: Tensor, exp: (x: Tensor) => Tensor): { p: Tensor; logP: Tensor } {
  const axis = x.rank - 1;
  const centred = tf.sub(x, tf.max(x, axis, true));
  const e = exp(centred);
  const sum = tf.sum(e, axis, true);
  return { p: tf.div(e, sum), logP: tf.sub(centred, tf.log(sum)) };
}

/**
 * The flow at (z, w). With `withReward = false` only the KL-penalty terms
 * (the exact part the stochastic rules add to their sampled gradient).
 */
export function evaluateFlow(tf: Tf, c: FlowConstants, z: Tensor, w: Tensor | null, withReward: boolean): FlowValue {
  const { p: pi, logP: logPi } = logSoftmax(tf, z, c.exp);
  const piOpt = tf.sum(tf.mul(pi, c.optimalMask), 1, true);
  if (!c.trainBoth || w === null) {
    let score: Tensor | null = withReward ? c.fixedReward : null;
    if (withReward && c.reward === 'trajectory-logprob') score = tf.add(c.fixedReward, logPi);
    if (c.penalised) {
      const penalty = tf.mul(c.beta, tf.sub(logPi, c.logReference));
      score = score === null ? tf.neg(penalty) : tf.sub(score, penalty);
    }
    if (score === null) score = tf.zerosLike(pi);
    const mean = tf.sum(tf.mul(pi, score), 1, true);
    const dz = tf.mul(pi, tf.sub(score, mean));
    const acc = tf.add(tf.sum(tf.mul(pi, c.success), 1, true), tf.mul(mean, 0));
    return { pi, logPi, dz, pa: null, logPa: null, dw: null, rowReward: null, acc, piOpt };
  }
  const A = c.answers;
  const { p: pa, logP: logPa } = logSoftmax(tf, w, c.exp);
  const n = z.shape[0];
  const R = z.shape[1]!;
  const paCorrect = tf.reshape(tf.slice(pa, [0, 0, 0], [n, R, 1]), [n, R]);
  const entropyTerm = tf.sum(tf.mul(pa, logPa), 2); // sum_a pi(a|r) log pi(a|r)
  let rowReward: Tensor;
  if (c.reward === 'rlvr') rowReward = paCorrect;
  else if (c.reward === 'self-certainty') rowReward = tf.mul(tf.sum(logPa, 2), -1 / A);
  else if (c.reward === 'neg-entropy') rowReward = entropyTerm;
  else rowReward = tf.add(logPi, entropyTerm);
  const acc0 = tf.sum(tf.mul(pi, paCorrect), 1, true);
  let score: Tensor = withReward ? rowReward : tf.zerosLike(pi);
  let answerLog: Tensor | null = null; // l(a|r) - KL_r, [n, R, A]
  if (c.penalised) {
    const logRatio = tf.sub(logPa, c.logAnswerReference!);
    const kl = tf.sum(tf.mul(pa, logRatio), 2);
    answerLog = tf.sub(logRatio, tf.expandDims(kl, 2));
    score = tf.sub(score, tf.mul(c.beta, tf.add(kl, tf.sub(logPi, c.logReference))));
  }
  const mean = tf.sum(tf.mul(pi, score), 1, true);
  const dz = tf.mul(pi, tf.sub(score, mean));
  let advantage: Tensor | null = null;
  if (withReward && c.reward === 'rlvr') advantage = tf.sub(c.correctAnswer, tf.expandDims(rowReward, 2));
  else if (withReward && c.reward === 'trajectory-logprob') {
    advantage = tf.sub(tf.add(tf.expandDims(logPi, 2), logPa), tf.expandDims(rowReward, 2));
  }
  if (answerLog !== null) {
    const penalty = tf.mul(tf.expandDims(c.beta, 2), answerLog);
    advantage = advantage === null ? tf.neg(penalty) : tf.sub(advantage, penalty);
  }
  const dw = advantage === null ? tf.zerosLike(pa) : tf.mul(tf.mul(tf.expandDims(pi, 2), pa), advantage);
  const acc = tf.add(acc0, tf.mul(mean, 0));
  return { pi, logPi, dz, pa, logPa, dw, rowReward, acc, piOpt };
}
