import { exp } from './exp.js';
import { evaluateFlow } from './flow.js';
import {
  A21, A31, A32, A41, A42, A43, A51, A52, A53, A54, A61, A62, A63, A64, A65,
  B1, B3, B4, B5, B6,
  acceptedStepFactor, errorNorm, rejectedStepFactor, stepCollapsed,
} from './dormand-prince.js';
import type { RunRecorder } from './recorder.js';
import { REWARD_TRAJECTORY_LOGPROB, type RunWorkspace } from './workspace.js';

/*
 * `adaptive` with `train: pattern`, fused: the time-to-solution path of the
 * kernel (issue 2: T0 of regime 2 at 1% in ~16 steps of ~100 flow
 * evaluations, so the cost of one evaluation at small R is the run's cost).
 *
 * The method, its error norm, step controller, FSAL, event recording and
 * stopping rules are those of integrateAdaptive (integrators.ts, which serves
 * `train: both`); only the flow evaluation is specialised. With the answer
 * layer frozen, dz_r/dt = pi(r) (s_r - sum_q pi(q) s_q), s_r = R(r) +
 * [trajectory-logprob] log pi(r) - beta (log pi(r) - log pi_ref(r))
 * (docs/model.md §3; flow.ts patternOnlyFlow). A stage needs log pi only when s
 * does (beta > 0 or trajectory-logprob), so with beta = 0 and a reward free
 * of log pi a stage takes R exponentials and no logarithm; the state is
 * re-centred to z = log pi once per accepted step (one logarithm).
 */

/**
 * The pattern flow at stage input u, written to dy; returns false
 * when u or the flow is not finite. ws.pattern holds pi(u), ws.shift and
 * ws.normaliser the log-shift c and S = sum_r exp(u_r - c) (log-normaliser
 * c + log S). Exponentials are taken of u itself (c = 0): u stays within a
 * step's change of the re-centred state, where max_r z_r is near 0; when the
 * sum leaves [1e-200, 1e200], c = max u instead.
 *
 * With s = R (beta = 0, a reward free of log pi) one pass takes the
 * exponentials and all the sums, centred on `centre`, the most likely pattern
 * of the previous evaluation (patternOnlyFlow, flow.ts, centres on the
 * current one: the same cancellation-free form when pi(k) -> 1, when the
 * most likely pattern does not change between stages); a second pass
 * normalises and writes dy. Otherwise s needs log pi, and the stage is
 * flow.ts evaluateFlow.
 */
function patternStage(ws: RunWorkspace, u: Float64Array, dy: Float64Array, plain: boolean): boolean {
  if (!plain) {
    // s needs log pi: flow.ts's pattern-layer flow, whose ws.shift is then the
    // log-normaliser itself (so S = 1 here).
    ws.normaliser = 1;
    return evaluateFlow(ws, u, dy, true);
  }
  const R = ws.patterns;
  const pi = ws.pattern;
  const reward = ws.fixedReward;
  const centre = reward[ws.centre];
  let shift = 0;
  let sum = 0;
  let mean = 0;
  let dominant = 0;
  let largest = -1;
  for (let r = 0; r < R; r++) {
    const e = exp(u[r]);
    pi[r] = e;
    sum += e;
    mean += e * (reward[r] - centre);
    if (e > largest) {
      largest = e;
      dominant = r;
    }
  }
  if (!(sum > 1e-200 && sum < 1e200)) {
    shift = largestEntry(u, R);
    if (!Number.isFinite(shift)) return false;
    sum = 0;
    mean = 0;
    largest = -1;
    for (let r = 0; r < R; r++) {
      const e = exp(u[r] - shift);
      pi[r] = e;
      sum += e;
      mean += e * (reward[r] - centre);
      if (e > largest) {
        largest = e;
        dominant = r;
      }
    }
    if (!(sum >= 1 && sum < Infinity)) return false;
  }
  const inverse = 1 / sum;
  mean *= inverse;
  if (!Number.isFinite(mean)) return false;
  for (let r = 0; r < R; r++) {
    const q = pi[r] * inverse;
    pi[r] = q;
    dy[r] = q * (reward[r] - centre - mean);
  }
  ws.centre = dominant;
  ws.shift = shift;
  ws.normaliser = sum;
  return true;
}

/** max_r u_r (a NaN entry leaves it as is: the sums then fail their finiteness tests). */
function largestEntry(u: Float64Array, R: number): number {
  let max = -Infinity;
  for (let r = 0; r < R; r++) if (u[r] > max) max = u[r];
  return max;
}

/** What the recorder needs at an accepted state, from one pass over its pi and dz/dt. */
interface AcceptedState {
  accuracy: number;
  /** dACC/dt = sum_r p(r) dpi(r), dpi(r) = pi(r) (dz_r - sum_q pi(q) dz_q) (flow.ts accuracyRate). */
  rate: number;
  /** ACC - p(r') summed term by term (flow.ts escapeMargin). */
  margin: number;
  /** dpi(r*)/dt = pi(r*) (dz_{r*} - sum_q pi(q) dz_q) (flow.ts optimalRate, docs/model.md eq. (15)). */
  piOptRate: number;
}

function summariseAccepted(ws: RunWorkspace, dy: Float64Array, out: AcceptedState): void {
  const R = ws.patterns;
  const pi = ws.pattern;
  const p = ws.initialSuccess;
  const level = ws.escapeLevel;
  let accuracy = 0;
  let weighted = 0;
  let mean = 0;
  let margin = 0;
  for (let r = 0; r < R; r++) {
    const q = pi[r];
    const change = q * dy[r];
    accuracy += q * p[r];
    weighted += p[r] * change;
    mean += change;
    margin += q * (p[r] - level);
  }
  out.accuracy = accuracy;
  out.rate = weighted - accuracy * mean;
  out.margin = margin;
  const optimal = ws.optimal;
  out.piOptRate = pi[optimal] * (dy[optimal] - mean);
}

/** argmax_r pi(r), lowest index on ties. */
function mostLikely(pi: Float64Array, R: number): number {
  let k = 0;
  for (let r = 1; r < R; r++) if (pi[r] > pi[k]) k = r;
  return k;
}

/**
 * integrateAdaptive (integrators.ts) for `train: pattern`. Same precondition:
 * the flow was evaluated at ws.state (ws.derivative, ws.pattern are at the
 * state), which is re-centred, and the recorder was started at t = 0. On
 * return ws.state, ws.pattern, ws.logPattern, ws.accuracy and ws.piOpt are at
 * the last accepted state, unless ws.diverged (the caller re-evaluates then).
 */
export function integrateAdaptivePattern(
  ws: RunWorkspace,
  recorder: RunRecorder,
  firstStep: number,
  tMax: number,
  maxSteps: number,
  tolerance: number,
): void {
  const D = ws.dimension;
  const stages = ws.stages;
  const input = ws.stageInput;
  const plain = ws.beta === 0 && ws.reward !== REWARD_TRAJECTORY_LOGPROB;
  const accepted: AcceptedState = { accuracy: ws.accuracy, rate: NaN, margin: NaN, piOptRate: NaN };
  ws.centre = mostLikely(ws.pattern, ws.patterns);
  let h = firstStep;
  let step = 0;
  let attempts = 0;
  let rejectedLast = false;
  let t = 0;
  while (t < tMax && step < maxSteps) {
    if (stepCollapsed(++attempts, maxSteps, h, t)) {
      ws.diverged = true;
      break;
    }
    const last = t + h >= tMax;
    const dt = last ? tMax - t : h;
    const y = ws.state;
    const k1 = ws.derivative;
    const k2 = stages[1], k3 = stages[2], k4 = stages[3], k5 = stages[4], k6 = stages[5], k7 = stages[6];
    for (let j = 0; j < D; j++) input[j] = y[j] + dt * A21 * k1[j];
    let ok = patternStage(ws, input, k2, plain);
    if (ok) {
      for (let j = 0; j < D; j++) input[j] = y[j] + dt * (A31 * k1[j] + A32 * k2[j]);
      ok = patternStage(ws, input, k3, plain);
    }
    if (ok) {
      for (let j = 0; j < D; j++) input[j] = y[j] + dt * (A41 * k1[j] + A42 * k2[j] + A43 * k3[j]);
      ok = patternStage(ws, input, k4, plain);
    }
    if (ok) {
      for (let j = 0; j < D; j++) input[j] = y[j] + dt * (A51 * k1[j] + A52 * k2[j] + A53 * k3[j] + A54 * k4[j]);
      ok = patternStage(ws, input, k5, plain);
    }
    if (ok) {
      for (let j = 0; j < D; j++) {
        input[j] = y[j] + dt * (A61 * k1[j] + A62 * k2[j] + A63 * k3[j] + A64 * k4[j] + A65 * k5[j]);
      }
      ok = patternStage(ws, input, k6, plain);
    }
    const next = ws.candidate;
    if (ok) {
      for (let j = 0; j < D; j++) {
        next[j] = y[j] + dt * (B1 * k1[j] + B3 * k3[j] + B4 * k4[j] + B5 * k5[j] + B6 * k6[j]);
      }
      ok = patternStage(ws, next, k7, plain);
    }
    const error = ok ? errorNorm(k1, k3, k4, k5, k6, k7, y, next, dt, tolerance) : Infinity;
    if (error <= 1) {
      step++;
      t = last ? tMax : t + dt;
      // FSAL: k7 = f(next) becomes the next step's k1; ws.pattern is pi(next).
      stages[6] = ws.derivative;
      ws.derivative = k7;
      ws.acceptCandidate();
      // Re-centre: z = next - (c + log S) = log pi(next).
      const logNorm = ws.shift + Math.log(ws.normaliser);
      const z = ws.state;
      for (let j = 0; j < D; j++) z[j] -= logNorm;
      ws.shift = 0;
      summariseAccepted(ws, k7, accepted);
      // dACC/dt and dpi(r*)/dt at the step end place events inside these long
      // steps (cubic Hermite, recorder.ts; docs/model.md §3.4).
      recorder.record(t, accepted.accuracy, ws.pattern[ws.optimal], accepted.rate, accepted.margin, accepted.piOptRate);
      h = dt * acceptedStepFactor(error, rejectedLast);
      rejectedLast = false;
    } else {
      h = dt * rejectedStepFactor(error);
      rejectedLast = true;
      ws.shift = 0; // y is centred; the failed evaluations may have moved the shift
    }
  }
  ws.steps = step;
  ws.time = t;
  if (!ws.diverged) {
    // The loop ends only after an accepted step (or on divergence): the last
    // evaluation, and so ws.pattern, is at the accepted state.
    ws.logPattern.set(ws.state);
    ws.accuracy = accepted.accuracy;
    ws.piOpt = ws.pattern[ws.optimal];
  }
  ws.shift = 0;
}
