/**
 * Loads the wasm backend's compiled kernel: the one place of the wasm backend
 * that does I/O (it reads generated/kernel.wasm next to this module, built by
 * `npm run build`, scripts/build-wasm.mjs). The kernel itself
 * (assembly/kernel.ts) and its driver (kernel.ts) are pure. One compiled
 * module per thread, cached; each backend instantiates its own memory.
 */
import { readFileSync } from 'node:fs';
import { BackendUnavailableError } from '../errors.js';
import { wasmApi, type WasmModule } from './api.js';

let cached: WasmModule | null = null;

/** The compiled kernel module; BackendUnavailableError (code BACKEND_UNAVAILABLE) if it is missing or this runtime lacks wasm SIMD. */
export function loadWasmModule(): WasmModule {
  if (cached !== null) return cached;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(new URL('./generated/kernel.wasm', import.meta.url));
  } catch (error) {
    throw new BackendUnavailableError('wasm', { wasm: 'generated/kernel.wasm is missing (run npm run build)' }, { cause: error });
  }
  if (wasmApi === undefined || !wasmApi.validate(bytes)) {
    throw new BackendUnavailableError('wasm', { wasm: 'this runtime cannot compile the kernel (WebAssembly SIMD is required)' });
  }
  cached = new wasmApi.Module(bytes);
  return cached;
}
