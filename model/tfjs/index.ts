/**
 * The tfjs backend (docs/model.md §3 dynamics as tensor ops): tfjs-node when it is
 * installed, else tfjs-backend-wasm; the tfjs cpu backend only when asked for
 * by name. Float32: agrees with the float64 js backend to about 1e-4
 * relative, and is deterministic per runtime (same bits for a run whatever
 * batch it sits in).
 */
import type { Backend } from '../backend.js';
import type { RunBatch } from '../batch.js';
import { ModelParameterError } from '../errors.js';
import type { BatchStats } from '../stats.js';
import { validateBatch } from '../validate.js';
import { activate, loadRuntime, type TfjsRuntime } from './runtime.js';
import { simulateTensors } from './simulate.js';
import { TFJS_MIN_TOLERANCE } from './limits.js';

export { TFJS_MIN_TOLERANCE };

export { probeRuntime, RUNTIME_ENV, TFJS_RUNTIMES, type LoadedRuntime, type RuntimeProbe, type TfjsRuntime } from './runtime.js';

export interface TfjsBackendOptions {
  /**
   * Runtime to load; default: node, else wasm (or PATTERNSWEEP_TFJS_RUNTIME).
   * `cpu` is for debugging only (20–70x slower).
   */
  readonly runtime?: TfjsRuntime;
  /**
   * Rows simulated together; bounds memory (about 60 tensors of chunk x R x A
   * float32 live per step). Results do not depend on it.
   * @default 16384
   */
  readonly chunkSize?: number;
}

export interface ResolvedTfjsBackendOptions {
  readonly runtime: TfjsRuntime | undefined;
  readonly chunkSize: number;
}

export const TFJS_BACKEND_DEFAULTS = { chunkSize: 16384 } as const;

/** Rejects what float32 cannot do, naming the row: adaptive tolerances below TFJS_MIN_TOLERANCE. */
function checkFloat32Limits(batch: RunBatch): void {
  if (batch.shape.algorithm !== 'adaptive') return;
  for (let i = 0; i < batch.size; i++) {
    if (batch.tolerance[i] < TFJS_MIN_TOLERANCE) {
      throw new ModelParameterError(
        `tolerance[${i}]`,
        batch.tolerance[i],
        `>= ${TFJS_MIN_TOLERANCE.toExponential()} on the tfjs backend (float32); use --backend js (float64) for tighter tolerances`,
      );
    }
  }
}

/** Loads the runtime (throws BackendUnavailableError when none loads) and returns the backend. */
export async function createTfjsBackend(options: TfjsBackendOptions = {}): Promise<Backend> {
  const resolved: ResolvedTfjsBackendOptions = {
    runtime: options.runtime,
    chunkSize: options.chunkSize ?? TFJS_BACKEND_DEFAULTS.chunkSize,
  };
  if (!(Number.isInteger(resolved.chunkSize) && resolved.chunkSize >= 1)) {
    throw new RangeError(`chunkSize: ${resolved.chunkSize} is not an integer >= 1`);
  }
  const runtime = await loadRuntime(resolved.runtime);
  return {
    name: runtime.backendName,
    async simulate(batch: RunBatch): Promise<BatchStats> {
      validateBatch(batch);
      checkFloat32Limits(batch);
      await activate(runtime);
      return simulateTensors(runtime, batch, { chunkSize: resolved.chunkSize });
    },
  };
}
