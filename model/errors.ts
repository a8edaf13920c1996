/**
 * Errors of model/. Callers branch on `code` / `retryable` (errors/index.ts),
 * never on message text. Neither is retryable: the same batch, or the same
 * machine, gives the same error.
 */
import { PatternsweepError } from '../errors/index.js';

/**
 * A batch parameter outside its allowed range. Unrecoverable: retrying the
 * same batch gives the same error.
 *
 * `field` names the array and the position, e.g. `successRate[3][1]`
 * (batch row 3, pattern 1) or `shape.patterns`; `allowed` says what is
 * allowed, e.g. `in [0, 1]`. The message reads `successRate[3][1]: 1.2 is not in [0, 1]`.
 */
export class ModelParameterError extends PatternsweepError {
  override readonly name = 'ModelParameterError';
  readonly field: string;
  readonly value: unknown;
  readonly allowed: string;

  constructor(field: string, value: unknown, allowed: string, options?: { cause?: unknown }) {
    super('MODEL_PARAMETER', `${field}: ${formatValue(value)} is not ${allowed}`, { ...options, userFacing: true });
    this.field = field;
    this.value = value;
    this.allowed = allowed;
  }
}

/**
 * A requested backend cannot run on this machine (its native or wasm runtime
 * failed to load). Unrecoverable on this worker: retrying gives the same error.
 * `backend` is what was asked for; `reasons` says, per runtime tried, why it
 * did not load.
 */
export class BackendUnavailableError extends PatternsweepError {
  override readonly name = 'BackendUnavailableError';
  readonly backend: string;
  readonly reasons: Readonly<Record<string, string>>;

  constructor(backend: string, reasons: Readonly<Record<string, string>>, options?: { cause?: unknown }) {
    const detail = Object.entries(reasons)
      .map(([runtime, why]) => `${runtime}: ${why}`)
      .join('; ');
    super('BACKEND_UNAVAILABLE', `backend: "${backend}" is not available on this machine (${detail})`, { ...options, userFacing: true });
    this.backend = backend;
    this.reasons = reasons;
  }
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}
