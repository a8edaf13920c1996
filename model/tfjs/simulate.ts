/**
 * The tfjs kernel: the runs of a batch advance together as [n, R] (and
 * [n, R, A]) tensors, one tf.tidy per step; the per-run control (time, step
 * count, stopping, adaptive step size, events) stays in JS in float64 with the
 * reference kernel's own conventions (model/js/recorder.ts RunRecorder,
 * model/js/dormand-prince.ts stopping rules and step-size controller), so the two
 * backends differ only by the float32 arithmetic of the tensor part.
 *
 * Each step reads back [n, 1] tensors of ACC and pi(r*) (adaptive: also the
 * error norm, dACC/dt, dpi(r*)/dt and the escape margin, docs/model.md §3.4):
 * on the wasm and node runtimes that is a memory copy, small next to the step.
 * Runs are processed in chunks of at most `chunkSize` rows; every tensor op
 * is row-wise (reductions along the last axis), so a run's bits do not depend
 * on the chunk it sits in.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type { RunBatch } from '../batch.js';
import { evaluateFlow as evaluateFlow64, patternSummary } from '../js/flow.js';
import { acceptedStepFactor, DORMAND_PRINCE, rejectedStepFactor, stepCollapsed } from '../js/dormand-prince.js';
import { RunRecorder } from '../js/recorder.js';
import { writeNonFinite } from '../js/run-setup.js';
import { GRPO_STD_GUARD } from '../js/stochastic.js';
import { RunWorkspace } from '../js/workspace.js';
import { STREAM_ROLLOUTS, uniformPair } from '../random.js';
import { allocateStats, type BatchStats } from '../stats.js';
import { expFor } from './exp.js';
import { evaluateFlow, type FlowConstants, type FlowValue } from './flow.js';
import type { LoadedRuntime } from './runtime.js';
import { loadRow, prepareRuns, type RunStarts } from './setup.js';

type Tf = typeof tfc;
type Tensor = tfc.Tensor;

export interface KernelOptions {
  /** Rows per chunk (memory bound; results do not depend on it). */
  readonly chunkSize: number;
}

/** Simulates a validated batch. */
export function simulateTensors(runtime: LoadedRuntime, batch: RunBatch, options: KernelOptions): BatchStats {
  const stats = allocateStats(batch.size, batch.shape.trajectoryPoints);
  if (batch.size === 0) return stats;
  const starts = prepareRuns(batch);
  const rows: number[] = [];
  for (let i = 0; i < batch.size; i++) {
    if (starts.nonFinite[i] === 1) writeNonFinite(stats, i);
    else rows.push(i);
  }
  const algorithm = batch.shape.algorithm;
  if (algorithm !== 'adaptive') {
    // Fixed-step rules: the step count of each run is known up front; chunks
    // of similar length waste no steps on finished rows.
    const length = new Float64Array(batch.size);
    for (const i of rows) length[i] = plannedSteps(batch, i);
    rows.sort((a, b) => length[a] - length[b] || a - b);
  }
  for (let start = 0; start < rows.length; start += options.chunkSize) {
    const chunk = Int32Array.from(rows.slice(start, start + options.chunkSize));
    simulateChunk(runtime, batch, starts, chunk, stats);
  }
  return stats;
}

/** Steps a fixed-step run takes (same loop condition as the js integrators). */
function plannedSteps(batch: RunBatch, i: number): number {
  const h = batch.stepSize[i];
  const tMax = batch.tMax[i];
  const maxSteps = batch.maxSteps[i];
  let k = Math.min(maxSteps, Math.max(1, Math.ceil(tMax / h)));
  while (k > 1 && (k - 1) * h >= tMax) k--;
  while (k < maxSteps && k * h < tMax) k++;
  return k;
}

/** JS-side state of the runs of one chunk. */
class ChunkControl {
  readonly n: number;
  readonly time: Float64Array;
  readonly steps: Float64Array;
  readonly active: Uint8Array;
  readonly diverged: Uint8Array;
  readonly lastAcc: Float64Array;
  readonly lastPiOpt: Float64Array;
  readonly recorders: RunRecorder[];
  /** adaptive: current trial step, attempts, rejected-last flags. */
  readonly trial: Float64Array;
  readonly attempts: Float64Array;
  readonly rejectedLast: Uint8Array;
  /** Step of the current iteration (0 for inactive rows). */
  readonly dt: Float64Array;

  constructor(n: number, points: number) {
    this.n = n;
    this.time = new Float64Array(n);
    this.steps = new Float64Array(n);
    this.active = new Uint8Array(n).fill(1);
    this.diverged = new Uint8Array(n);
    this.lastAcc = new Float64Array(n);
    this.lastPiOpt = new Float64Array(n);
    this.recorders = Array.from({ length: n }, () => new RunRecorder(points));
    this.trial = new Float64Array(n);
    this.attempts = new Float64Array(n);
    this.rejectedLast = new Uint8Array(n);
    this.dt = new Float64Array(n);
  }

  /**
   * Sets `dt` for this iteration: the step of every active run (0 for the
   * others), with the stopping rules of model/js/integrators.ts. Returns
   * whether any run is still active.
   */
  planSteps(batch: RunBatch, rows: Int32Array, algorithm: string, finals: FinalStatistics): boolean {
    let any = false;
    const dt = this.dt;
    for (let j = 0; j < this.n; j++) {
      dt[j] = 0;
      if (this.active[j] === 0) continue;
      any = true;
      const i = rows[j];
      const h = batch.stepSize[i];
      const tMax = batch.tMax[i];
      if (algorithm === 'rk4') dt[j] = Math.min((this.steps[j] + 1) * h, tMax) - this.time[j];
      else if (algorithm === 'adaptive') {
        const trial = this.trial[j];
        const t = this.time[j];
        if (stepCollapsed(++this.attempts[j], batch.maxSteps[i], trial, t)) {
          // Step collapse: stop as diverged at the current (finite) state.
          this.active[j] = 0;
          this.diverged[j] = 1;
          finals.pending(j, 'current');
          continue;
        }
        dt[j] = t + trial >= tMax ? tMax - t : trial;
      } else dt[j] = h;
    }
    return any;
  }

  /** Rollout uniforms of this step (model/random.ts, stream 0: step, rollout) for the active runs. */
  drawUniforms(batch: RunBatch, rows: Int32Array, N: number, out: Float32Array[]): void {
    const words = new Uint32Array(4);
    const pair = new Float64Array(2);
    const [first, second] = out;
    first.fill(0);
    second.fill(0);
    for (let j = 0; j < this.n; j++) {
      if (this.active[j] === 0) continue;
      const i = rows[j];
      const step = this.steps[j];
      for (let s = 0; s < N; s++) {
        uniformPair(batch.seed, batch.gridIndex[i], batch.replicate[i], STREAM_ROLLOUTS, step, s, words, pair, 0);
        first[j * N + s] = pair[0];
        second[j * N + s] = pair[1];
      }
    }
  }

  /**
   * Applies the step's read-back values: time, step count, events, stopping;
   * with `errors` (adaptive) also the float64 step-size controller of
   * model/js/integrators.ts. Returns the accepted rows for adaptive, else null.
   */
  applyStep(
    batch: RunBatch,
    rows: Int32Array,
    algorithm: string,
    accValues: Float32Array,
    piOptValues: Float32Array,
    errors: Float32Array | null,
    events: EventValues | null,
    finals: FinalStatistics,
  ): Uint8Array | null {
    if (errors !== null) return this.applyAdaptiveStep(batch, rows, accValues, piOptValues, errors, events!, finals);
    this.applyFixedStep(batch, rows, algorithm === 'rk4', accValues, piOptValues, finals);
    return null;
  }

  /** euler, rk4, reinforce, grpo: t = steps * h (rk4: clipped at tMax); NaN/Inf stops the run at the previous state. */
  private applyFixedStep(
    batch: RunBatch,
    rows: Int32Array,
    clip: boolean,
    accValues: Float32Array,
    piOptValues: Float32Array,
    finals: FinalStatistics,
  ): void {
    // Locals: this loop runs once per run per step.
    const { active, dt, steps, time, lastAcc, lastPiOpt, recorders, diverged } = this;
    const tMaxes = batch.tMax;
    const stepSizes = batch.stepSize;
    const maxSteps = batch.maxSteps;
    const n = this.n;
    for (let j = 0; j < n; j++) {
      if (active[j] === 0 || dt[j] === 0) continue;
      const i = rows[j];
      const acc = accValues[j];
      const piOpt = piOptValues[j];
      if (acc !== acc || piOpt !== piOpt || acc === Infinity || acc === -Infinity || piOpt === Infinity || piOpt === -Infinity) {
        active[j] = 0;
        diverged[j] = 1;
        finals.pending(j, 'previous');
        continue;
      }
      const tMax = tMaxes[i];
      const k = steps[j] + 1;
      steps[j] = k;
      const t = clip ? Math.min(k * stepSizes[i], tMax) : k * stepSizes[i];
      time[j] = t;
      lastAcc[j] = acc;
      lastPiOpt[j] = piOpt;
      recorders[j].record(t, acc, piOpt);
      if (!(t < tMax && k < maxSteps[i])) {
        active[j] = 0;
        finals.pending(j, 'next');
      }
    }
  }

  /** adaptive: the float64 step-size controller of model/js/dormand-prince.ts; returns the accepted rows. */
  private applyAdaptiveStep(
    batch: RunBatch,
    rows: Int32Array,
    accValues: Float32Array,
    piOptValues: Float32Array,
    errors: Float32Array,
    events: EventValues,
    finals: FinalStatistics,
  ): Uint8Array {
    const accept = new Uint8Array(this.n);
    for (let j = 0; j < this.n; j++) {
      if (this.active[j] === 0 || this.dt[j] === 0) continue;
      const i = rows[j];
      const acc = accValues[j];
      const piOpt = piOptValues[j];
      const tMax = batch.tMax[i];
      const dtj = this.dt[j];
      let error = errors[j];
      if (!Number.isFinite(error) || !Number.isFinite(acc)) error = Infinity;
      if (!(error <= 1)) {
        this.trial[j] = dtj * rejectedStepFactor(error);
        this.rejectedLast[j] = 1;
        continue;
      }
      const last = this.time[j] + this.trial[j] >= tMax;
      accept[j] = 1;
      this.steps[j]++;
      this.time[j] = last ? tMax : this.time[j] + dtj;
      this.trial[j] = dtj * acceptedStepFactor(error, this.rejectedLast[j] === 1);
      this.rejectedLast[j] = 0;
      this.lastAcc[j] = acc;
      this.lastPiOpt[j] = piOpt;
      // The escape is decided on the margin, as on js (docs/model.md eq. (16)).
      this.recorders[j].record(this.time[j], acc, piOpt, events.accRate[j], events.margin[j], events.piOptRate[j]);
      if (!(this.time[j] < tMax && this.steps[j] < batch.maxSteps[i])) {
        this.active[j] = 0;
        finals.pending(j, 'next');
      }
    }
    return accept;
  }
}

/** adaptive: what the recorder needs at each candidate besides ACC and pi(r*), read back per row. */
interface EventValues {
  /** dACC/dt. */
  readonly accRate: Float32Array;
  /** dpi(r*)/dt. */
  readonly piOptRate: Float32Array;
  /** ACC - p(r') summed term by term, sum_r pi(r) (p(r) - p(r')). */
  readonly margin: Float32Array;
}

interface ChunkState {
  z: Tensor;
  w: Tensor | null;
  flow: FlowValue;
}

function simulateChunk(runtime: LoadedRuntime, batch: RunBatch, starts: RunStarts, rows: Int32Array, stats: BatchStats): void {
  const tf = runtime.tf;
  const shape = batch.shape;
  const n = rows.length;
  const R = shape.patterns;
  const A = shape.answers;
  const D = starts.dimension;
  const trainBoth = shape.train === 'both';
  const algorithm = shape.algorithm;
  const stochastic = algorithm === 'reinforce' || algorithm === 'grpo';
  const control = new ChunkControl(n, shape.trajectoryPoints);

  // --- constants of the chunk
  const gatherRows = (source: Float64Array, width: number): Float32Array => {
    const out = new Float32Array(n * width);
    for (let j = 0; j < n; j++) {
      const i = rows[j];
      for (let k = 0; k < width; k++) out[j * width + k] = source[i * width + k];
    }
    return out;
  };
  const column = (source: Float64Array): Float32Array => {
    const out = new Float32Array(n);
    for (let j = 0; j < n; j++) out[j] = source[rows[j]];
    return out;
  };
  let penalised = false;
  for (let j = 0; j < n; j++) if (batch.beta[rows[j]] !== 0) penalised = true;
  const optimalMask = new Float32Array(n * R);
  for (let j = 0; j < n; j++) optimalMask[j * R + starts.optimal[rows[j]]] = 1;
  const correct = new Float32Array(A);
  correct[0] = 1;
  const constants: FlowConstants = {
    reward: shape.reward,
    trainBoth,
    answers: A,
    success: tf.tensor2d(gatherRows(starts.success, R), [n, R]),
    fixedReward: tf.tensor2d(gatherRows(starts.fixedReward, R), [n, R]),
    logReference: tf.tensor2d(gatherRows(starts.logReference, R), [n, R]),
    logAnswerReference: trainBoth ? tf.tensor3d(gatherRows(starts.logAnswerReference, R * A), [n, R, A]) : null,
    beta: tf.tensor2d(column(batch.beta), [n, 1]),
    penalised,
    optimalMask: tf.tensor2d(optimalMask, [n, R]),
    correctAnswer: tf.tensor3d(correct, [1, 1, A]),
    exp: expFor(tf, runtime.runtime),
  };
  // Frozen answer layer (train: pattern) for the stochastic rules' answer draws.
  const frozenAnswers =
    stochastic && !trainBoth ? scoped(tf, () => tf.exp(tf.tensor3d(gatherRows(starts.logAnswerReference, R * A), [n, R, A]))) : null;
  const frozenLogAnswers = stochastic && !trainBoth ? tf.tensor3d(gatherRows(starts.logAnswerReference, R * A), [n, R, A]) : null;
  const tolerance = tf.tensor2d(column(batch.tolerance), [n, 1]);
  // p(r') per row, for the escape margin (the same float64 threshold, rounded once).
  const escapeLevel = tf.tensor2d(column(starts.escapeThreshold), [n, 1]);
  const owned: Tensor[] = [
    escapeLevel,
    constants.success,
    constants.fixedReward,
    constants.logReference,
    constants.beta,
    constants.optimalMask,
    constants.correctAnswer,
    tolerance,
  ];
  if (constants.logAnswerReference !== null) owned.push(constants.logAnswerReference);
  if (frozenAnswers !== null) owned.push(frozenAnswers);
  if (frozenLogAnswers !== null) owned.push(frozenLogAnswers);

  // --- starting state
  const z0 = new Float32Array(n * R);
  const w0 = trainBoth ? new Float32Array(n * R * A) : null;
  for (let j = 0; j < n; j++) {
    const i = rows[j];
    for (let r = 0; r < R; r++) z0[j * R + r] = starts.state[i * D + r];
    if (w0 !== null) for (let k = 0; k < R * A; k++) w0[j * R * A + k] = starts.state[i * D + R + k];
    control.lastAcc[j] = starts.acc0[i];
    control.lastPiOpt[j] = starts.piOpt0[i];
    // adaptive starts from the same automatic first step as the js backend (model/js/run-setup.ts).
    control.trial[j] = algorithm === 'adaptive' ? starts.firstStep[i] : batch.stepSize[i];
    control.recorders[j].start(
      starts.acc0[i],
      starts.piOpt0[i],
      starts.convThreshold[i],
      starts.escapeThreshold[i],
      batch.stepSize[i],
      batch.tMax[i],
      // adaptive interpolates ACC and pi(r*) with their rates (cubic Hermite,
      // model/js/recorder.ts) and decides the escape on the margin; the
      // starting values and the boundary-tie decision are the js set-up's.
      algorithm === 'adaptive' ? starts.dAcc0[i] : NaN,
      algorithm === 'adaptive' ? starts.escapeMargin0[i] : starts.acc0[i] - starts.escapeThreshold[i],
      starts.escaped0[i] === 1,
      algorithm === 'adaptive' ? starts.piOptRate0[i] : NaN,
    );
    if (!(0 < batch.tMax[i] && 0 < batch.maxSteps[i])) control.active[j] = 0;
  }
  let state: ChunkState = scoped(tf, () => {
    const z = tf.tensor2d(z0, [n, R]);
    const w = w0 === null ? null : tf.tensor3d(w0, [n, R, A]);
    return { z, w, flow: evaluateFlow(tf, constants, z, w, !stochastic) };
  });

  const finals = new FinalStatistics(batch, starts, rows, stats, control);
  const rangeR = tf.tensor3d(Float32Array.from({ length: R }, (_, r) => r), [1, 1, R]);
  const rangeA = tf.tensor3d(Float32Array.from({ length: A }, (_, a) => a), [1, 1, A]);
  owned.push(rangeR, rangeA);
  const N = shape.rollouts;
  const uniforms = stochastic ? [new Float32Array(n * N), new Float32Array(n * N)] : null;

  try {
    for (;;) {
      // --- JS: the step of each active run
      const any = control.planSteps(batch, rows, algorithm, finals);
      if (finals.hasPending()) finals.capture(state, state);
      if (!any) break;
      const dt = tf.tensor2d(Float32Array.from(control.dt), [n, 1]);
      if (uniforms !== null) control.drawUniforms(batch, rows, N, uniforms);
      let next: ChunkState;
      let errorTensor: Tensor | null;
      if (algorithm === 'euler') {
        [next, errorTensor] = scoped(tf, () => {
          const f = state.flow;
          const z = tf.add(f.logPi, tf.mul(dt, f.dz));
          const w = f.dw === null ? null : tf.add(f.logPa!, tf.mul(tf.expandDims(dt, 2), f.dw));
          const flow = evaluateFlow(tf, constants, z, w, true);
          return [{ z, w, flow }, null] as [ChunkState, Tensor | null];
        });
      } else if (algorithm === 'rk4') {
        [next, errorTensor] = scoped(tf, () => rk4Step(tf, constants, state, dt));
      } else if (algorithm === 'adaptive') {
        [next, errorTensor] = scoped(tf, () => dormandPrinceStep(tf, constants, state, dt, tolerance, D));
      } else {
        const u0 = tf.tensor2d(uniforms![0], [n, N]);
        const u1 = tf.tensor2d(uniforms![1], [n, N]);
        [next, errorTensor] = scoped(tf, () =>
          stochasticStep(tf, constants, state, dt, u0, u1, {
            grpo: algorithm === 'grpo',
            rollouts: N,
            rangeR,
            rangeA,
            frozenAnswers,
            frozenLogAnswers,
          }),
        );
        u0.dispose();
        u1.dispose();
      }
      dt.dispose();
      // Separate reads: tfjs-wasm's concat kernel is a slow JS loop.
      const acc = next.flow.acc.dataSync() as Float32Array;
      const piOpt = next.flow.piOpt.dataSync() as Float32Array;
      const errors = errorTensor === null ? null : (errorTensor.dataSync() as Float32Array);
      errorTensor?.dispose();
      // adaptive: dACC/dt, dpi(r*)/dt and the escape margin at the candidate,
      // from its FSAL stage (next.flow = k7); separate reads, as above.
      let events: EventValues | null = null;
      if (algorithm === 'adaptive') {
        const [rateTensor, piRateTensor, marginTensor] = scoped(tf, () => eventTensors(tf, constants, next.flow, escapeLevel));
        events = {
          accRate: rateTensor.dataSync() as Float32Array,
          piOptRate: piRateTensor.dataSync() as Float32Array,
          margin: marginTensor.dataSync() as Float32Array,
        };
        tf.dispose([rateTensor, piRateTensor, marginTensor]);
      }

      // --- JS: accept, record, stop
      const accept = control.applyStep(batch, rows, algorithm, acc, piOpt, errors, events, finals);
      if (accept !== null) {
        // Rejected rows keep their state: select per row with a full-shape mask (broadcast selects are slow in wasm).
        const merged = scoped(tf, () => {
          const maskZ = new Uint8Array(n * R);
          const maskW = trainBoth ? new Uint8Array(n * R * A) : null;
          for (let j = 0; j < n; j++) {
            if (accept[j] === 1) {
              maskZ.fill(1, j * R, (j + 1) * R);
              if (maskW !== null) maskW.fill(1, j * R * A, (j + 1) * R * A);
            }
          }
          const z = tf.where(tf.tensor2d(maskZ, [n, R], 'bool'), next.z, state.flow.logPi);
          const w = maskW === null ? null : tf.where(tf.tensor3d(maskW, [n, R, A], 'bool'), next.w!, state.flow.logPa!);
          return { z, w, flow: evaluateFlow(tf, constants, z, w, true) };
        });
        disposeState(tf, next);
        next = merged;
      }
      if (finals.hasPending()) finals.capture(state, next);
      disposeState(tf, state);
      state = next;
    }
  } finally {
    disposeState(tf, state);
    tf.dispose(owned);
  }
  finals.writeRunColumns();
}

/** tf.tidy with the caller's result type (tidy keeps every tensor reachable from the result). */
function scoped<T>(tf: Tf, body: () => T): T {
  return tf.tidy(body as unknown as () => tfc.TensorContainer) as unknown as T;
}

function disposeState(tf: Tf, s: ChunkState): void {
  const f = s.flow;
  tf.dispose([s.z, ...(s.w === null ? [] : [s.w]), f.pi, f.logPi, f.dz, f.acc, f.piOpt]);
  tf.dispose([f.pa, f.logPa, f.dw, f.rowReward].filter((t): t is Tensor => t !== null));
}

/** Classical RK4 from the re-centred state (model/js/integrators.ts integrateRk4). */
function rk4Step(tf: Tf, c: FlowConstants, s: ChunkState, dt: Tensor): [ChunkState, Tensor | null] {
  const half = tf.mul(dt, 0.5);
  const sixth = tf.div(dt, 6);
  const y = s.flow.logPi;
  const yw = s.flow.logPa;
  const k1 = s.flow;
  const at = (k: FlowValue, scale: Tensor) =>
    evaluateFlow(
      tf,
      c,
      tf.add(y, tf.mul(scale, k.dz)),
      yw === null ? null : tf.add(yw, tf.mul(tf.expandDims(scale, 2), k.dw!)),
      true,
    );
  const k2 = at(k1, half);
  const k3 = at(k2, half);
  const k4 = at(k3, dt);
  const combine = (a: Tensor, b: Tensor, cc: Tensor, d: Tensor) => tf.add(tf.add(a, tf.mul(b, 2)), tf.add(tf.mul(cc, 2), d));
  const z = tf.add(y, tf.mul(sixth, combine(k1.dz, k2.dz, k3.dz, k4.dz)));
  const w = yw === null ? null : tf.add(yw, tf.mul(tf.expandDims(sixth, 2), combine(k1.dw!, k2.dw!, k3.dw!, k4.dw!)));
  const flow = evaluateFlow(tf, c, z, w, true);
  return [{ z, w, flow }, null];
}

/**
 * One Dormand–Prince 5(4) attempt for every row (model/js/integrators.ts
 * integrateAdaptive); returns the candidate and [ACC, pi(r*), error norm] at it.
 * The controller (accept, next step) runs in JS in float64.
 */
function dormandPrinceStep(tf: Tf, c: FlowConstants, s: ChunkState, dt: Tensor, tolerance: Tensor, D: number): [ChunkState, Tensor | null] {
  const y = s.flow.logPi;
  const yw = s.flow.logPa;
  const dtW = yw === null ? null : tf.expandDims(dt, 2);
  const ks: FlowValue[] = [s.flow];
  const combination = (weights: readonly number[], part: 'dz' | 'dw'): Tensor => {
    let sum: Tensor | null = null;
    weights.forEach((weight, index) => {
      if (weight === 0) return;
      const term = tf.mul(ks[index][part]!, weight);
      sum = sum === null ? term : tf.add(sum, term);
    });
    return sum!;
  };
  const stage = (weights: readonly number[]): FlowValue => {
    const z = tf.add(y, tf.mul(dt, combination(weights, 'dz')));
    const w = yw === null ? null : tf.add(yw, tf.mul(dtW!, combination(weights, 'dw')));
    return evaluateFlow(tf, c, z, w, true);
  };
  for (const weights of DORMAND_PRINCE.stages) ks.push(stage(weights));
  const z = tf.add(y, tf.mul(dt, combination(DORMAND_PRINCE.solution, 'dz')));
  const w = yw === null ? null : tf.add(yw, tf.mul(dtW!, combination(DORMAND_PRINCE.solution, 'dw')));
  const k7 = evaluateFlow(tf, c, z, w, true);
  ks.push(k7);
  // (err_j / (atol + rtol max(|y_j|, |y'_j|)))^2 with atol = rtol = tolerance, per row.
  const squaredRatio = (e: Tensor, y0: Tensor, y1: Tensor, step: Tensor, tol: Tensor): Tensor => {
    const bound = tf.add(tol, tf.mul(tol, tf.maximum(tf.abs(y0), tf.abs(y1))));
    return tf.square(tf.div(tf.mul(step, e), bound));
  };
  let sum = tf.sum(squaredRatio(combination(DORMAND_PRINCE.error, 'dz'), y, z, dt, tolerance), 1, true);
  if (yw !== null) {
    const n = y.shape[0];
    const perAnswer = squaredRatio(combination(DORMAND_PRINCE.error, 'dw'), yw, w!, dtW!, tf.expandDims(tolerance, 2));
    sum = tf.add(sum, tf.sum(tf.reshape(perAnswer, [n, -1]), 1, true));
  }
  const error = tf.sqrt(tf.div(sum, D));
  return [{ z, w, flow: k7 }, error];
}

/**
 * [dACC/dt, dpi(r*)/dt, ACC - p(r')], each [n, 1], at a flow value
 * (model/js/flow.ts accuracyRate, optimalRate, escapeMargin; docs/model.md
 * eqs. (15)-(16)): dpi(r) = pi(r) (dz_r - sum_q pi(q) dz_q), dACC/dt =
 * sum_r p(r) dpi(r) + pi(r) dp(r) with dp(r) = pi(a*|r) (dw_{r,0} -
 * sum_a pi(a|r) dw_{r,a}) under `train: both`, and the margin
 * sum_r pi(r) (p(r) - p(r')): on a regime-2 plateau the rival's own term is
 * 0 and the rest are small, so its sign holds in float32 where ACC - p(r')
 * is below ACC's float32 rounding.
 */
function eventTensors(tf: Tf, c: FlowConstants, f: FlowValue, escapeLevel: Tensor): [Tensor, Tensor, Tensor] {
  const dPi = tf.mul(f.pi, tf.sub(f.dz, tf.sum(tf.mul(f.pi, f.dz), 1, true)));
  const piOptRate = tf.sum(tf.mul(dPi, c.optimalMask), 1, true);
  if (f.pa === null || f.dw === null) {
    const margin = tf.sum(tf.mul(f.pi, tf.sub(c.success, escapeLevel)), 1, true);
    return [tf.sum(tf.mul(dPi, c.success), 1, true), piOptRate, margin];
  }
  const n = f.pi.shape[0];
  const R = f.pi.shape[1]!;
  const paCorrect = tf.reshape(tf.slice(f.pa, [0, 0, 0], [n, R, 1]), [n, R]);
  const dwCorrect = tf.reshape(tf.slice(f.dw, [0, 0, 0], [n, R, 1]), [n, R]);
  const dPa = tf.mul(paCorrect, tf.sub(dwCorrect, tf.sum(tf.mul(f.pa, f.dw), 2)));
  const accRate = tf.sum(tf.add(tf.mul(dPi, paCorrect), tf.mul(f.pi, dPa)), 1, true);
  const margin = tf.sum(tf.mul(f.pi, tf.sub(paCorrect, escapeLevel)), 1, true);
  return [accRate, piOptRate, margin];
}

interface StochasticOptions {
  readonly grpo: boolean;
  readonly rollouts: number;
  readonly rangeR: Tensor;
  readonly rangeA: Tensor;
  readonly frozenAnswers: Tensor | null;
  readonly frozenLogAnswers: Tensor | null;
}

/**
 * One `reinforce` / `grpo` step (model/js/stochastic.ts): rollouts drawn
 * from the uniforms u0, u1 [n, N] by inverse CDF (comparisons with cumulative
 * sums; no gather/oneHot, which are broken in tfjs-wasm 4.22), then
 * z (and w) += eta (g_KL + g_hat).
 */
function stochasticStep(tf: Tf, c: FlowConstants, s: ChunkState, eta: Tensor, u0: Tensor, u1: Tensor, o: StochasticOptions): [ChunkState, Tensor | null] {
  const f = s.flow;
  const n = f.pi.shape[0];
  const R = f.pi.shape[1]!;
  const N = o.rollouts;
  const pa = f.pa ?? o.frozenAnswers!;
  const logPa = f.logPa ?? o.frozenLogAnswers!;
  const A = pa.shape[2]!;
  // Comparisons go through tf.step (x > 0 ? 1 : 0) of a difference: the wasm
  // backend's broadcasting compare kernels are ~50x slower than sub + step,
  // and the sign of a float32 difference is exact.
  const notAbove = (x: Tensor, level: Tensor) => tf.sub(1, tf.step(tf.sub(x, level))); // x <= level
  const indicator = (index: Tensor, range: Tensor) => tf.step(tf.sub(0.5, tf.abs(tf.sub(index, range)))); // index == range
  // r: first index whose cumulative probability exceeds u0 * total.
  const cumulative = tf.cumsum(f.pi, 1);
  const total = tf.sum(f.pi, 1, true); // = cumulative[R - 1]: both are sequential sums (slices of the last axis are slow in wasm)
  const target = tf.expandDims(tf.mul(u0, total), 2);
  const below = notAbove(tf.expandDims(cumulative, 1), target);
  const r = tf.minimum(tf.sum(below, 2, true), R - 1); // [n, N, 1]
  const pickR = indicator(r, o.rangeR); // [n, N, R]
  // pi(.|r_i): an exact selection (one term is 1, the others 0).
  const answerRow = tf.matMul(pickR, pa); // [n, N, A]
  const answerCumulative = tf.cumsum(answerRow, 2);
  const answerTotal = tf.sum(answerRow, 2, true);
  const answerTarget = tf.mul(tf.expandDims(u1, 2), answerTotal);
  const a = tf.minimum(tf.sum(notAbove(answerCumulative, answerTarget), 2, true), A - 1);
  const pickA = indicator(a, o.rangeA); // [n, N, A]
  let reward: Tensor; // [n, N]
  if (c.reward === 'rlvr') reward = tf.step(tf.sub(0.5, tf.reshape(a, [n, N])));
  else if (c.reward === 'trajectory-logprob') {
    const logPiR = tf.sum(tf.mul(pickR, tf.expandDims(f.logPi, 1)), 2);
    const logPaRA = tf.sum(tf.mul(pickA, tf.matMul(pickR, logPa)), 2);
    reward = tf.add(logPiR, logPaRA);
  } else {
    const rowReward = f.rowReward ?? c.fixedReward;
    reward = tf.sum(tf.mul(pickR, tf.expandDims(rowReward, 1)), 2);
  }
  const mean = tf.div(tf.sum(reward, 1, true), N);
  const centred = tf.sub(reward, mean);
  let scale: Tensor | number;
  if (o.grpo) {
    const std = tf.sqrt(tf.div(tf.sum(tf.square(centred), 1, true), N));
    scale = tf.div(1, tf.mul(tf.add(std, GRPO_STD_GUARD), N));
  } else scale = 1 / (N - 1);
  const coefficient = tf.mul(centred, scale); // [n, N]
  const weighted = tf.mul(tf.expandDims(coefficient, 2), pickR); // [n, N, R]
  const perPattern = tf.sum(tf.transpose(weighted, [0, 2, 1]), 2); // [n, R], sum over rollouts
  const estimateZ = tf.sub(perPattern, tf.mul(tf.sum(coefficient, 1, true), f.pi));
  const z = tf.add(f.logPi, tf.mul(eta, tf.add(f.dz, estimateZ)));
  let w: Tensor | null = null;
  if (f.logPa !== null) {
    // grad_w log pi(a|r) = e_a - pi(.|r) on row r.
    const joint = tf.mul(tf.expandDims(weighted, 3), tf.expandDims(pickA, 2)); // [n, N, R, A]
    const perAnswer = tf.sum(tf.transpose(joint, [0, 2, 3, 1]), 3); // [n, R, A]
    const estimateW = tf.sub(perAnswer, tf.mul(f.pa!, tf.expandDims(perPattern, 2)));
    w = tf.add(f.logPa, tf.mul(tf.expandDims(eta, 2), tf.add(f.dw!, estimateW)));
  }
  const flow = evaluateFlow(tf, c, z, w, false);
  return [{ z, w, flow }, null];
}

/**
 * End-of-run statistics. The final logits are read back for the rows that
 * stopped and evaluated with the reference flow in float64 (entropy, KL,
 * argmax); ACC and pi(r*) are the last recorded values.
 */
class FinalStatistics {
  private readonly waiting: { row: number; which: 'current' | 'previous' | 'next' }[] = [];
  private readonly ws: RunWorkspace;
  private readonly y: Float64Array;
  private readonly dy: Float64Array;

  constructor(
    private readonly batch: RunBatch,
    private readonly starts: RunStarts,
    private readonly rows: Int32Array,
    private readonly stats: BatchStats,
    private readonly control: ChunkControl,
  ) {
    this.ws = new RunWorkspace(batch.shape);
    this.y = new Float64Array(this.ws.dimension);
    this.dy = new Float64Array(this.ws.dimension);
  }

  pending(row: number, which: 'current' | 'previous' | 'next'): void {
    this.waiting.push({ row, which });
  }

  hasPending(): boolean {
    return this.waiting.length > 0;
  }

  /** Reads the states the waiting rows stopped at (`previous`/`current` = before this step). */
  capture(before: ChunkState, after: ChunkState): void {
    const cache = new Map<ChunkState, { z: Float32Array; w: Float32Array | null }>();
    const read = (s: ChunkState) => {
      let got = cache.get(s);
      if (got === undefined) {
        got = { z: s.flow.logPi.dataSync() as Float32Array, w: s.flow.logPa === null ? null : (s.flow.logPa.dataSync() as Float32Array) };
        cache.set(s, got);
      }
      return got;
    };
    for (const { row, which } of this.waiting) this.finish(row, read(which === 'next' ? after : before));
    this.waiting.length = 0;
  }

  private finish(j: number, logits: { z: Float32Array; w: Float32Array | null }): void {
    const i = this.rows[j];
    const R = this.starts.patterns;
    const A = this.starts.answers;
    const ws = this.ws;
    loadRow(ws, this.starts, this.batch, i);
    for (let r = 0; r < R; r++) this.y[r] = logits.z[j * R + r];
    if (logits.w !== null) for (let k = 0; k < R * A; k++) this.y[R + k] = logits.w[j * R * A + k];
    evaluateFlow64(ws, this.y, this.dy, true);
    const final = patternSummary(ws);
    const columns = this.stats.columns;
    columns.final_argmax[i] = final.argmax;
    columns.ends_on_opt[i] = final.argmax === this.starts.optimal[i] ? 1 : 0;
    columns.ends_on_worst[i] = final.argmax === this.starts.worst[i] ? 1 : 0;
    columns.entropy_final[i] = final.entropy;
    columns.kl_ref_final[i] = final.klReference;
  }

  /** Columns that come from the JS control and the recorders. */
  writeRunColumns(): void {
    const columns = this.stats.columns;
    const c = this.control;
    const trajectory = this.stats.trajectory;
    for (let j = 0; j < this.rows.length; j++) {
      const i = this.rows[j];
      const recorder = c.recorders[j];
      columns.acc0[i] = this.starts.acc0[i];
      columns.acc_final[i] = c.lastAcc[j];
      columns.acc_peak[i] = recorder.accPeak;
      columns.t_peak[i] = recorder.tPeak;
      columns.drop[i] = recorder.accPeak - c.lastAcc[j];
      columns.d_acc0[i] = this.starts.dAcc0[i];
      columns.pi_opt_final[i] = c.lastPiOpt[j];
      columns.t_conv[i] = recorder.tConv;
      columns.converged[i] = Number.isNaN(recorder.tConv) ? 0 : 1;
      columns.t_escape[i] = recorder.tEscape;
      columns.escaped[i] = Number.isNaN(recorder.tEscape) ? 0 : 1;
      columns.regime[i] = this.starts.regime[i];
      columns.steps_taken[i] = c.steps[j];
      columns.t_final[i] = c.time[j];
      columns.diverged[i] = c.diverged[j];
      if (trajectory !== null) {
        const K = trajectory.points;
        trajectory.time.set(recorder.sampleTimes, i * K);
        trajectory.acc.set(recorder.sampleAcc, i * K);
        trajectory.piOpt.set(recorder.samplePiOpt, i * K);
      }
    }
  }
}
