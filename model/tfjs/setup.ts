/**
 * Per-run set-up for the tfjs runtimes: runs the shared float64 set-up
 * (model/js/run-setup.ts `prepareRow`: pattern ranks, initial answer layer,
 * SFT warm start, ACC and dACC/dt at t = 0, regime; docs/model.md §1, §4, §5) for
 * every row and gathers the results as [n, ...] arrays for the tensor kernel.
 * It is O(R A) per run, so it runs in JS: acc0, d_acc0, regime, the event
 * thresholds and the starting state are then the js backend's bits, and only
 * the time stepping runs as tensors.
 */
import type { RunBatch } from '../batch.js';
import { prepareRow } from '../js/run-setup.js';
import { RunWorkspace } from '../js/workspace.js';

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
  /** ACC - p(r') at t = 0 (0 on a boundary tie), t_escape = 0 (1/0), dpi(r*)/dt at t = 0 (prepareRow). */
  readonly escapeMargin0: Float64Array;
  readonly escaped0: Uint8Array;
  readonly piOptRate0: Float64Array;
  /** `adaptive`: the first trial step (prepareRow, Hairer–Nørsett–Wanner); NaN otherwise. */
  readonly firstStep: Float64Array;
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
    escapeMargin0: new Float64Array(n),
    escaped0: new Uint8Array(n),
    piOptRate0: new Float64Array(n),
    firstStep: new Float64Array(n).fill(NaN),
    regime: new Float64Array(n),
    convThreshold: new Float64Array(n),
    escapeThreshold: new Float64Array(n),
    nonFinite: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) gatherRow(batch, i, ws, starts);
  return starts;
}

function gatherRow(batch: RunBatch, i: number, ws: RunWorkspace, out: RunStarts): void {
  const R = ws.patterns;
  const A = ws.answers;
  const start = prepareRow(batch, i, ws);
  out.success.set(ws.initialSuccess, i * R);
  out.fixedReward.set(ws.fixedReward, i * R);
  out.logReference.set(ws.logReference, i * R);
  out.logAnswerReference.set(ws.logAnswerReference, i * R * A);
  out.optimal[i] = start.optimal;
  out.worst[i] = start.worst;
  out.convThreshold[i] = start.convThreshold;
  out.escapeThreshold[i] = start.escapeThreshold;
  out.regime[i] = start.regime;
  if (!start.finite) {
    out.nonFinite[i] = 1;
    return;
  }
  out.state.set(ws.state, i * ws.dimension);
  out.acc0[i] = start.acc0;
  out.piOpt0[i] = start.piOpt0;
  out.dAcc0[i] = start.dAcc0;
  out.escapeMargin0[i] = start.escapeMargin0;
  out.escaped0[i] = start.escaped0 ? 1 : 0;
  out.piOptRate0[i] = start.piOptRate0;
  out.firstStep[i] = start.firstStep;
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
