/**
 * Errors of model/. Callers branch on `name` / `code`, never on message text
 * (errors crossing a worker thread lose their prototype but keep `name`).
 */

/**
 * A batch parameter outside its allowed range. Unrecoverable: retrying the
 * same batch gives the same error.
 *
 * `field` names the array and the position, e.g. `successRate[3][1]`
 * (batch row 3, pattern 1) or `shape.patterns`; `allowed` says what is
 * allowed, e.g. `in [0, 1]`. The message reads `successRate[3][1]: 1.2 is not in [0, 1]`.
 */
export class ModelParameterError extends Error {
  override readonly name = 'ModelParameterError';
  readonly code = 'MODEL_PARAMETER';
  readonly field: string;
  readonly value: unknown;
  readonly allowed: string;

  constructor(field: string, value: unknown, allowed: string, options?: { cause?: unknown }) {
    super(`${field}: ${formatValue(value)} is not ${allowed}`, options);
    this.field = field;
    this.value = value;
    this.allowed = allowed;
  }
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}
