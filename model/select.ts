/**
 * Backend selection: `js` (float64 reference), `tfjs` (tfjs-node or wasm,
 * float32), `wasm` (float64 WebAssembly SIMD kernel for `train: pattern`
 * euler and adaptive, model/wasm/) or `auto`.
 *
 * `auto` times the available correct backends once per batch shape (pattern
 * count, answers, rule, reward, train mode, rollouts, batch-size bucket) on a
 * probe slice of the batch and then runs every batch of that shape on the
 * fastest, preferring js unless tfjs is more than 10% faster (js is the
 * float64 reference, and a near tie is not worth float32). The probe results
 * are thrown away: each batch runs whole on one backend, so its statistics are
 * that backend's deterministic bits. The pick itself depends on the machine's
 * speed, so on different machines `auto` may run different backends; the
 * `backend` column of every shard records which one ran. The tfjs cpu runtime
 * is never picked automatically.
 *
 * Timing uses the clock (`performance.now`): the one place in model/ that
 * does, and it only decides *which* deterministic backend runs.
 */
import type { Backend, BackendName } from './backend.js';
import { BACKEND_NAMES } from './backend.js';
import type { RunBatch } from './batch.js';
import { createJsBackend } from './js/index.js';
import type { BatchStats } from './stats.js';
import { BackendUnavailableError } from './errors.js';
import { createTfjsBackend, type TfjsBackendOptions } from './tfjs/index.js';
import { probeRuntime } from './tfjs/runtime.js';
import { validateBatch } from './validate.js';
import { createWasmBackend, wasmSupports } from './wasm/index.js';
import { loadWasmModule } from './wasm/loader.js';

export { BackendUnavailableError } from './errors.js';
export { wasmSupports } from './wasm/index.js';

export interface SelectOptions {
  /** Options for the tfjs backend (runtime, chunk size). */
  readonly tfjs?: TfjsBackendOptions;
  /**
   * `auto`: rows of the probe slice (the first rows of the batch).
   * @default 2048
   */
  readonly probeRows?: number;
  /**
   * `auto`: steps per probe run (the probe caps maxSteps at this).
   * @default 40
   */
  readonly probeSteps?: number;
  /**
   * `auto`: tfjs is picked only when its probe time is below this fraction of js's.
   * @default 0.9
   */
  readonly preferJsWithin?: number;
  /** Clock for the probe timing, in ms. @default performance.now */
  readonly now?: () => number;
}

export const SELECT_DEFAULTS = { probeRows: 2048, probeSteps: 40, preferJsWithin: 0.9 } as const;

interface ResolvedSelectOptions {
  readonly tfjs: TfjsBackendOptions;
  readonly probeRows: number;
  readonly probeSteps: number;
  readonly preferJsWithin: number;
  readonly now: () => number;
}

/** One backend `auto` timed for one shape key. */
export interface ProbeTiming {
  readonly backend: string;
  /** ms per run-step on the probe slice. */
  readonly msPerRunStep: number;
}

/** What `auto` picked for one shape key, and why. */
export interface AutoChoice {
  readonly key: string;
  readonly backend: string;
  readonly timings: readonly ProbeTiming[];
}

/** The `auto` backend: `name` is the backend that ran the last batch (`auto` before any). */
export interface AutoBackend extends Backend {
  readonly lastChoice: AutoChoice | null;
  /** Every pick so far, one per shape key. */
  describe(): readonly AutoChoice[];
}

/** What can run here: js always; tfjs when its node or wasm runtime loads. */
export interface BackendAvailability {
  readonly name: string;
  readonly available: boolean;
  /** The runtime that loaded (`tfjs-node`, `tfjs-wasm`) or, if none, why not. */
  readonly detail: string;
}

export async function availableBackends(): Promise<BackendAvailability[]> {
  const probe = await probeRuntime();
  const why = Object.entries(probe.reasons)
    .map(([runtime, reason]) => `${runtime}: ${reason}`)
    .join('; ');
  let wasm: BackendAvailability;
  try {
    loadWasmModule();
    wasm = { name: 'wasm', available: true, detail: 'float64 WebAssembly SIMD kernel (train: pattern, euler and adaptive)' };
  } catch (error) {
    if (!(error instanceof BackendUnavailableError)) throw error;
    wasm = { name: 'wasm', available: false, detail: Object.values(error.reasons).join('; ') };
  }
  return [
    { name: 'js', available: true, detail: 'float64 reference kernel' },
    {
      name: 'tfjs',
      available: probe.loaded !== null,
      detail: probe.loaded !== null ? probe.loaded.backendName + (why === '' ? '' : ` (${why})`) : why,
    },
    wasm,
  ];
}

/** Creates the named backend; throws BackendUnavailableError if it cannot run here. */
export async function createBackend(name: BackendName, options: SelectOptions = {}): Promise<Backend> {
  const resolved: ResolvedSelectOptions = {
    tfjs: options.tfjs ?? {},
    probeRows: options.probeRows ?? SELECT_DEFAULTS.probeRows,
    probeSteps: options.probeSteps ?? SELECT_DEFAULTS.probeSteps,
    preferJsWithin: options.preferJsWithin ?? SELECT_DEFAULTS.preferJsWithin,
    now: options.now ?? (() => performance.now()),
  };
  switch (name) {
    case 'js':
      return createJsBackend();
    case 'tfjs':
      return createTfjsBackend(resolved.tfjs);
    case 'wasm':
      return createWasmBackend(loadWasmModule());
    case 'auto':
      return createAutoBackend(resolved);
    default:
      throw new BackendUnavailableError(String(name), { backend: `not one of ${BACKEND_NAMES.join(', ')}` });
  }
}

async function createAutoBackend(options: ResolvedSelectOptions): Promise<AutoBackend> {
  const candidates: Backend[] = [createJsBackend()];
  if (options.tfjs.runtime !== 'cpu') {
    try {
      const tfjs = await createTfjsBackend(options.tfjs);
      if (tfjs.name !== 'tfjs-cpu') candidates.push(tfjs);
    } catch (error) {
      if (!(error instanceof BackendUnavailableError)) throw error;
      // tfjs cannot run here: auto uses js alone (availableBackends() says why).
    }
  }
  let wasm: Backend | null = null;
  try {
    wasm = createWasmBackend(loadWasmModule());
  } catch (error) {
    if (!(error instanceof BackendUnavailableError)) throw error;
    // wasm cannot run here: auto chooses among the others (availableBackends() says why).
  }
  /** The candidates for one batch: wasm only where it runs the shape. */
  const candidatesFor = (batch: RunBatch): Backend[] =>
    wasm !== null && wasmSupports(batch.shape) ? [...candidates, wasm] : candidates;
  const all = wasm === null ? candidates : [...candidates, wasm];
  const picks = new Map<string, Promise<AutoChoice>>();
  const history: AutoChoice[] = [];
  let last: AutoChoice | null = null;

  const choose = (batch: RunBatch): Promise<AutoChoice> => {
    const key = shapeKey(batch);
    let pick = picks.get(key);
    if (pick === undefined) {
      pick = measure(key, batch, candidatesFor(batch), options).then((choice) => {
        history.push(choice);
        return choice;
      });
      picks.set(key, pick);
      pick.catch(() => picks.delete(key));
    }
    return pick;
  };

  return {
    get name(): string {
      return last?.backend ?? 'auto';
    },
    get lastChoice(): AutoChoice | null {
      return last;
    },
    describe: () => [...history],
    async simulate(batch: RunBatch): Promise<BatchStats> {
      validateBatch(batch);
      const choice = await choose(batch);
      const backend = all.find((b) => b.name === choice.backend)!;
      last = choice;
      return backend.simulate(batch);
    },
  };
}

/** Shape key: what makes backends' relative speed differ (size in powers of 2). */
function shapeKey(batch: RunBatch): string {
  const s = batch.shape;
  const bucket = batch.size <= 1 ? 0 : Math.ceil(Math.log2(batch.size));
  return `R${s.patterns}.A${s.answers}.${s.algorithm}.${s.reward}.${s.train}.N${s.rollouts}.n2^${bucket}`;
}

async function measure(key: string, batch: RunBatch, candidates: readonly Backend[], options: ResolvedSelectOptions): Promise<AutoChoice> {
  if (candidates.length === 1) return { key, backend: candidates[0].name, timings: [] };
  const probe = probeSlice(batch, options.probeRows, options.probeSteps);
  const timings: ProbeTiming[] = [];
  for (const backend of candidates) {
    let elapsed: number;
    let stats: BatchStats;
    try {
      await backend.simulate(probeSlice(batch, 8, 2)); // warm-up: first-call compilation, allocations
      const start = options.now();
      stats = await backend.simulate(probe);
      elapsed = options.now() - start;
    } catch (error) {
      // js is the reference: its errors (e.g. invalid parameters) are the batch's errors.
      if (backend === candidates[0]) throw error;
      continue; // an accelerated backend that fails on this shape is simply not picked
    }
    let runSteps = 0;
    for (let i = 0; i < stats.size; i++) runSteps += stats.columns.steps_taken[i];
    timings.push({ backend: backend.name, msPerRunStep: elapsed / Math.max(runSteps, 1) });
  }
  const js = timings[0];
  let best = js;
  for (const timing of timings.slice(1)) {
    if (timing.msPerRunStep < options.preferJsWithin * js.msPerRunStep && timing.msPerRunStep < best.msPerRunStep) best = timing;
  }
  return { key, backend: best.backend, timings };
}

/** The first `rows` runs of a batch with maxSteps capped at `steps`. */
function probeSlice(batch: RunBatch, rows: number, steps: number): RunBatch {
  const n = Math.min(rows, batch.size);
  const R = batch.shape.patterns;
  const A = batch.shape.answers;
  return {
    shape: batch.shape,
    size: n,
    successRate: batch.successRate.subarray(0, n * R),
    initialPattern: batch.initialPattern.subarray(0, n * R),
    referencePattern: batch.referencePattern.subarray(0, n * R),
    answerDistribution: batch.answerDistribution === null ? null : batch.answerDistribution.subarray(0, n * R * A),
    beta: batch.beta.subarray(0, n),
    stepSize: batch.stepSize.subarray(0, n),
    tMax: batch.tMax.subarray(0, n),
    maxSteps: batch.maxSteps.subarray(0, n).map((m) => Math.min(m, steps)),
    epsilon: batch.epsilon.subarray(0, n),
    tolerance: batch.tolerance.subarray(0, n),
    sftSteps: batch.sftSteps.subarray(0, n),
    sftRate: batch.sftRate.subarray(0, n),
    sftTarget: batch.sftTarget === null ? null : batch.sftTarget.subarray(0, n * R),
    seed: batch.seed,
    gridIndex: batch.gridIndex.subarray(0, n),
    replicate: batch.replicate.subarray(0, n),
  };
}
