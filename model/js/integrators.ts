import {
  A21, A31, A32, A41, A42, A43, A51, A52, A53, A54, A61, A62, A63, A64, A65,
  B1, B3, B4, B5, B6,
  acceptedStepFactor, errorNorm, rejectedStepFactor, stepCollapsed,
} from './dormand-prince.js';
import { accuracyRate, escapeMargin, evaluateFlow, optimalRate, recentre } from './flow.js';
import type { RunRecorder } from './recorder.js';
import type { RunWorkspace } from './workspace.js';

/*
 * Exact-gradient integrators of docs/model.md §3, one run at a time.
 * Precondition of each: the flow was evaluated at ws.state (ws.derivative,
 * ws.pattern, ... are at the state) and the recorder was started at t = 0.
 * Each stops when t >= tMax or steps >= maxSteps, or when NaN/Inf is met
 * (ws.diverged; ws.state is then the last finite state).
 */

/** `euler`: one training step of learning rate eta = one Euler step; t = steps * eta (no clipping). */
export function integrateEuler(ws: RunWorkspace, recorder: RunRecorder, eta: number, tMax: number, maxSteps: number): void {
  const R = ws.patterns;
  const D = ws.dimension;
  let step = 0;
  let t = 0;
  while (t < tMax && step < maxSteps) {
    const next = ws.candidate;
    const dy = ws.derivative;
    // Step from the re-centred state log pi (= state minus its log-normaliser).
    const logPi = ws.logPattern;
    for (let r = 0; r < R; r++) next[r] = logPi[r] + eta * dy[r];
    if (D > R) {
      const logPa = ws.logAnswer;
      for (let k = R; k < D; k++) next[k] = logPa[k - R] + eta * dy[k];
    }
    ws.shift = 0;
    if (!evaluateFlow(ws, next, dy, true)) {
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

/** `rk4`: classical fixed-step Runge–Kutta, t_n = min(n h, tMax) (the last step lands on tMax). */
export function integrateRk4(ws: RunWorkspace, recorder: RunRecorder, h: number, tMax: number, maxSteps: number): void {
  const D = ws.dimension;
  const k2 = ws.stages[1];
  const k3 = ws.stages[2];
  const k4 = ws.stages[3];
  const input = ws.stageInput;
  let step = 0;
  let t = 0;
  while (t < tMax && step < maxSteps) {
    const tNext = Math.min((step + 1) * h, tMax);
    const dt = tNext - t;
    recentre(ws, ws.state);
    const y = ws.state;
    const k1 = ws.derivative;
    let ok = true;
    for (let j = 0; j < D; j++) input[j] = y[j] + 0.5 * dt * k1[j];
    ok = evaluateFlow(ws, input, k2, true);
    if (ok) {
      for (let j = 0; j < D; j++) input[j] = y[j] + 0.5 * dt * k2[j];
      ok = evaluateFlow(ws, input, k3, true);
    }
    if (ok) {
      for (let j = 0; j < D; j++) input[j] = y[j] + dt * k3[j];
      ok = evaluateFlow(ws, input, k4, true);
    }
    if (ok) {
      const next = ws.candidate;
      for (let j = 0; j < D; j++) next[j] = y[j] + (dt / 6) * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
      ok = evaluateFlow(ws, next, ws.derivative, true);
    }
    if (!ok) {
      ws.diverged = true;
      break;
    }
    step++;
    t = tNext;
    ws.acceptCandidate();
    recorder.record(t, ws.accuracy, ws.piOpt);
  }
  ws.steps = step;
  ws.time = t;
}

/**
 * `adaptive` (with `train: both`; adaptive-pattern.ts fuses the
 * `train: pattern` case): Dormand–Prince 5(4) (dormand-prince.ts) with FSAL and per-run error control,
 * accepting a step when its errorNorm (dormand-prince.ts) is <= 1. The first trial step `firstStep` is chosen
 * automatically (run-setup.ts `startingStep`, Hairer–Nørsett–Wanner), not
 * the user's `stepSize`; steps grow by at most 5x, so a plateau of 1e6 time
 * units is crossed in tens of steps.
 * Rejected steps do not count in `steps`; a run whose step collapses below
 * 1e-14 t (or needs > 4 maxSteps + 1000 attempts) is stopped as diverged.
 */
export function integrateAdaptive(
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
  let h = firstStep;
  let step = 0;
  let attempts = 0;
  let rejectedLast = false;
  let t = 0;
  recentre(ws, ws.state);
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
    let ok = true;
    for (let j = 0; j < D; j++) input[j] = y[j] + dt * A21 * k1[j];
    ok = evaluateFlow(ws, input, k2, true);
    if (ok) {
      for (let j = 0; j < D; j++) input[j] = y[j] + dt * (A31 * k1[j] + A32 * k2[j]);
      ok = evaluateFlow(ws, input, k3, true);
    }
    if (ok) {
      for (let j = 0; j < D; j++) input[j] = y[j] + dt * (A41 * k1[j] + A42 * k2[j] + A43 * k3[j]);
      ok = evaluateFlow(ws, input, k4, true);
    }
    if (ok) {
      for (let j = 0; j < D; j++) input[j] = y[j] + dt * (A51 * k1[j] + A52 * k2[j] + A53 * k3[j] + A54 * k4[j]);
      ok = evaluateFlow(ws, input, k5, true);
    }
    if (ok) {
      for (let j = 0; j < D; j++) {
        input[j] = y[j] + dt * (A61 * k1[j] + A62 * k2[j] + A63 * k3[j] + A64 * k4[j] + A65 * k5[j]);
      }
      ok = evaluateFlow(ws, input, k6, true);
    }
    const next = ws.candidate;
    if (ok) {
      for (let j = 0; j < D; j++) {
        next[j] = y[j] + dt * (B1 * k1[j] + B3 * k3[j] + B4 * k4[j] + B5 * k5[j] + B6 * k6[j]);
      }
      ok = evaluateFlow(ws, next, k7, true);
    }
    const error = ok ? errorNorm(k1, k3, k4, k5, k6, k7, y, next, dt, tolerance) : Infinity;
    if (error <= 1) {
      step++;
      t = last ? tMax : t + dt;
      // FSAL: k7 = f(next) becomes the next step's k1; ws.pattern etc. are at `next`.
      stages[6] = ws.derivative;
      ws.derivative = k7;
      ws.acceptCandidate();
      recentre(ws, ws.state);
      // dACC/dt and dpi(r*)/dt at both ends locate events inside these long
      // steps to the solution's accuracy (cubic Hermite, recorder.ts,
      // docs/model.md §3.4); the rates are free from the FSAL stage
      // k7 = f(next) (flow.ts accuracyRate, optimalRate; train: both
      // included), and the recorder was started with both rates at t = 0.
      const dy = ws.derivative;
      recorder.record(t, ws.accuracy, ws.piOpt, accuracyRate(ws, dy), escapeMargin(ws), optimalRate(ws, dy));
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
}

