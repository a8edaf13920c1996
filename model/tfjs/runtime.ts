/**
 * Loads a tfjs runtime: tfjs-node (native TensorFlow) when installed, else the
 * wasm backend (SIMD, one thread in Node). The plain-JS `cpu` backend is
 * 20–70x slower than both, so it is used only when asked for by name
 * (`runtime: 'cpu'` or PATTERNSWEEP_TFJS_RUNTIME=cpu, for debugging), never as
 * a silent fallback.
 *
 * tfjs keeps one engine per process (global by design of the library), so the
 * loaded runtime is memoised here; every tfjs backend object of a process
 * shares it.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError } from '../errors.js';

export const TFJS_RUNTIMES = ['node', 'wasm', 'cpu'] as const;
export type TfjsRuntime = (typeof TFJS_RUNTIMES)[number];

/** Environment variable that may force a runtime (`node`, `wasm` or `cpu`). */
export const RUNTIME_ENV = 'PATTERNSWEEP_TFJS_RUNTIME';

/** A loaded runtime: the tfjs namespace, bound to its backend. */
export interface LoadedRuntime {
  readonly tf: typeof tf;
  readonly runtime: TfjsRuntime;
  /** `tfjs-node`, `tfjs-wasm` or `tfjs-cpu`: what Backend.name reports. */
  readonly backendName: string;
}

/** What loaded and, for what did not, why (for `availableBackends()`). */
export interface RuntimeProbe {
  readonly loaded: LoadedRuntime | null;
  readonly reasons: Readonly<Record<string, string>>;
}

const TF_BACKEND_OF: Record<TfjsRuntime, string> = { node: 'tensorflow', wasm: 'wasm', cpu: 'cpu' };

let automatic: Promise<RuntimeProbe> | null = null;
const explicit = new Map<TfjsRuntime, Promise<RuntimeProbe>>();

/**
 * The runtime to use: `requested` if given (or named in PATTERNSWEEP_TFJS_RUNTIME),
 * else node, then wasm. Never throws; `loaded` is null when nothing loaded.
 */
export function probeRuntime(requested?: TfjsRuntime): Promise<RuntimeProbe> {
  const forced = requested ?? runtimeFromEnvironment();
  if (forced !== undefined) {
    let probe = explicit.get(forced);
    if (probe === undefined) {
      probe = loadInOrder([forced]);
      explicit.set(forced, probe);
    }
    return probe;
  }
  automatic ??= loadInOrder(['node', 'wasm']);
  return automatic;
}

/** Like `probeRuntime` but throws `BackendUnavailableError` when nothing loaded. */
export async function loadRuntime(requested?: TfjsRuntime): Promise<LoadedRuntime> {
  const probe = await probeRuntime(requested);
  if (probe.loaded === null) throw new BackendUnavailableError('tfjs', probe.reasons);
  return probe.loaded;
}

/**
 * Makes `loaded` the engine's active backend again (another runtime of the
 * same process, e.g. a debugging cpu backend, may have been activated since).
 */
export async function activate(loaded: LoadedRuntime): Promise<void> {
  const name = TF_BACKEND_OF[loaded.runtime];
  if (tf.getBackend() !== name && !(await tf.setBackend(name))) {
    throw new BackendUnavailableError('tfjs', { [loaded.runtime]: `tfjs backend "${name}" could not be re-activated` });
  }
}

function runtimeFromEnvironment(): TfjsRuntime | undefined {
  const value = process.env[RUNTIME_ENV];
  if (value === undefined || value === '') return undefined;
  if ((TFJS_RUNTIMES as readonly string[]).includes(value)) return value as TfjsRuntime;
  throw new BackendUnavailableError('tfjs', {
    [RUNTIME_ENV]: `${JSON.stringify(value)} is not one of ${TFJS_RUNTIMES.join(', ')}`,
  });
}

async function loadInOrder(order: readonly TfjsRuntime[]): Promise<RuntimeProbe> {
  const reasons: Record<string, string> = {};
  for (const runtime of order) {
    try {
      await initialise(runtime);
      return { loaded: { tf, runtime, backendName: `tfjs-${runtime}` }, reasons };
    } catch (error) {
      reasons[runtime] = error instanceof Error ? error.message.split('\n')[0] : String(error);
    }
  }
  return { loaded: null, reasons };
}

async function initialise(runtime: TfjsRuntime): Promise<void> {
  const name = TF_BACKEND_OF[runtime];
  if (tf.getBackend() === name) return;
  await withoutNewProcessListeners(async () => {
    if (runtime === 'node') {
      // Optional dependency: absent on machines where its native build fails.
      await import('@tensorflow/tfjs-node' as string);
    } else if (runtime === 'wasm') {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      // The .wasm binaries ship next to the package's main file.
      const require = createRequire(import.meta.url);
      const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
      wasm.setWasmPaths(dist + path.sep);
    } else {
      await import('@tensorflow/tfjs-backend-cpu');
    }
    if (tf.findBackendFactory(name) === null) throw new Error(`tfjs backend "${name}" did not register`);
    const ok = await tf.setBackend(name);
    if (!ok || tf.getBackend() !== name) throw new Error(`tfjs backend "${name}" failed to initialise`);
  });
}

/**
 * The emscripten glue of tfjs-backend-wasm installs process-wide
 * `uncaughtException` / `unhandledRejection` handlers that rethrow and print
 * the whole minified module; they would change the host's error handling, so
 * they are removed again.
 */
async function withoutNewProcessListeners(body: () => Promise<void>): Promise<void> {
  const exceptions = new Set(process.listeners('uncaughtException'));
  const rejections = new Set(process.listeners('unhandledRejection'));
  try {
    await body();
  } finally {
    for (const listener of process.listeners('uncaughtException')) {
      if (!exceptions.has(listener)) process.removeListener('uncaughtException', listener);
    }
    for (const listener of process.listeners('unhandledRejection')) {
      if (!rejections.has(listener)) process.removeListener('unhandledRejection', listener);
    }
  }
}
