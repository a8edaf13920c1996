/**
 * The wasm backend: the pattern-layer flow of docs/model.md §3 and its
 * `euler` and `adaptive` steppers with `train: pattern` (the hot paths of
 * RLVR and RLIF sweeps) in WebAssembly SIMD, two float64 lanes across
 * patterns (assembly/kernel.ts). Everything else of a run (set-up, SFT,
 * first step, events, statistics) is the js backend's code, so only the time
 * stepping differs: float64 like js, with exponentials within 2 ulp of
 * Math.exp (the same table algorithm as model/js/exp.ts), agreeing with js
 * to rounding on euler and to the step controller's choices on adaptive.
 * Runs are simulated one at a time from their own row: the same bits
 * whatever the batch split, order, size, thread or restart.
 *
 * Other shapes (rk4, the stochastic rules, `train: both`) are refused with a
 * ModelParameterError naming the field: `wasmSupports` says beforehand.
 */
import type { Backend } from '../backend.js';
import type { BatchShape, RunBatch } from '../batch.js';
import { ModelParameterError } from '../errors.js';
import { createScratch, finishRow, startRow, type KernelScratch } from '../js/run.js';
import { allocateStats, type BatchStats } from '../stats.js';
import { validateBatch } from '../validate.js';
import { WasmKernel } from './kernel.js';
import type { WasmModule } from './api.js';

/** Rules the wasm kernel steps (docs/model.md §3); the rest run on js. */
export const WASM_ALGORITHMS = ['euler', 'adaptive'] as const;

/** Whether the wasm backend runs batches of this shape: `train: pattern` with `euler` or `adaptive`. */
export function wasmSupports(shape: BatchShape): boolean {
  return shape.train === 'pattern' && (shape.algorithm === 'euler' || shape.algorithm === 'adaptive');
}

/** The ModelParameterError for a shape the wasm backend does not run, or null. */
function unsupported(shape: BatchShape): ModelParameterError | null {
  if (shape.train !== 'pattern') {
    return new ModelParameterError('shape.train', shape.train, '"pattern" on the wasm backend (use --backend js or auto)');
  }
  if (!wasmSupports(shape)) {
    return new ModelParameterError(
      'shape.algorithm',
      shape.algorithm,
      `one of ${WASM_ALGORITHMS.join(', ')} on the wasm backend (use --backend js or auto)`,
    );
  }
  return null;
}

/**
 * A wasm backend on a compiled kernel module (model/wasm/loader.ts loads it).
 * It keeps one kernel instance and the workspace of its last batch shape (as
 * createJsBackend does); one backend per thread.
 */
export function createWasmBackend(module: WasmModule): Backend {
  const kernel = new WasmKernel(module);
  let kept: { readonly shape: BatchShape; readonly scratch: KernelScratch } | null = null;
  return {
    name: 'wasm',
    simulate(batch: RunBatch): Promise<BatchStats> {
      try {
        validateBatch(batch);
        const refusal = unsupported(batch.shape);
        if (refusal !== null) throw refusal;
        const stats = allocateStats(batch.size, batch.shape.trajectoryPoints);
        if (batch.size === 0) return Promise.resolve(stats);
        if (kept === null || !sameShape(kept.shape, batch.shape)) kept = { shape: { ...batch.shape }, scratch: createScratch(batch) };
        const scratch = kept.scratch;
        for (let i = 0; i < batch.size; i++) simulateRow(batch, i, scratch, kernel, stats);
        return Promise.resolve(stats);
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}

/** model/js/run.ts simulateRow with the wasm steppers. */
function simulateRow(batch: RunBatch, i: number, scratch: KernelScratch, kernel: WasmKernel, stats: BatchStats): void {
  const start = startRow(batch, i, scratch, stats);
  if (start === null) return;
  const ws = scratch.workspace;
  if (batch.shape.algorithm === 'euler') {
    kernel.euler(ws, scratch.recorder, batch.stepSize[i], batch.tMax[i], batch.maxSteps[i]);
  } else {
    kernel.adaptive(ws, scratch.recorder, start.firstStep, batch.tMax[i], batch.maxSteps[i], batch.tolerance[i]);
  }
  finishRow(i, scratch, start, stats);
}

function sameShape(a: BatchShape, b: BatchShape): boolean {
  return (
    a.patterns === b.patterns &&
    a.answers === b.answers &&
    a.reward === b.reward &&
    a.train === b.train &&
    a.algorithm === b.algorithm &&
    a.rollouts === b.rollouts &&
    a.trajectoryPoints === b.trajectoryPoints
  );
}
