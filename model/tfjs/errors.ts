/**
 * Errors of backend loading and selection. Callers branch on `name` / `code`
 * (errors crossing a worker thread keep `name`, not their prototype).
 */

/**
 * A requested backend cannot run on this machine (its native or wasm runtime
 * failed to load). Unrecoverable on this worker: retrying gives the same error.
 * `backend` is what was asked for; `reasons` says, per runtime tried, why it
 * did not load.
 */
export class BackendUnavailableError extends Error {
  override readonly name = 'BackendUnavailableError';
  readonly code = 'BACKEND_UNAVAILABLE';
  readonly backend: string;
  readonly reasons: Readonly<Record<string, string>>;

  constructor(backend: string, reasons: Readonly<Record<string, string>>, options?: { cause?: unknown }) {
    const detail = Object.entries(reasons)
      .map(([runtime, why]) => `${runtime}: ${why}`)
      .join('; ');
    super(`backend: "${backend}" is not available on this machine (${detail})`, options);
    this.backend = backend;
    this.reasons = reasons;
  }
}
