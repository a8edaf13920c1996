/**
 * The error contract of patternsweep: every error the project throws on
 * purpose is a PatternsweepError with
 * - `code`: a stable identifier (tests, logs and the wire match on it, never
 *   on message text);
 * - `retryable`: whether computing the same shard again may succeed (a lost
 *   worker, a broker restart) or is bound to fail the same way (a bad
 *   parameter, an unknown backend). Retry decisions read only this field;
 * - `userFacing`: whether the message is written for the user (a bad spec, a
 *   wrong folder): the CLI prints it alone, on one line, with no stack.
 *
 * Errors lose their class when they cross a worker thread or the wire, so
 * `toErrorRecord` flattens any thrown value into a plain record that keeps
 * these fields, and `fromErrorRecord` rebuilds an error from it. Anything that
 * is not a PatternsweepError (a bug, a crash, an I/O hiccup) is treated as
 * retryable and not user-facing: retrying a crash is cheap, and a stack trace
 * is what a bug report needs.
 *
 * This folder imports nothing, so every layer may import it.
 */

export interface PatternsweepErrorOptions {
  readonly cause?: unknown;
  /** @default false */
  readonly retryable?: boolean;
  /** @default false */
  readonly userFacing?: boolean;
}

export class PatternsweepError extends Error {
  override readonly name: string = 'PatternsweepError';
  readonly code: string;
  readonly retryable: boolean;
  readonly userFacing: boolean;

  constructor(code: string, message: string, options: PatternsweepErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.userFacing = options.userFacing ?? false;
  }
}

/** What survives a thread or wire crossing. */
export interface ErrorRecord {
  readonly name: string;
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
  readonly userFacing: boolean;
}

/** Code of errors that are not PatternsweepErrors (bugs, crashes, foreign libraries). */
export const INTERNAL_ERROR_CODE = 'INTERNAL';

function hasContract(value: object): value is ErrorRecord {
  const v = value as Partial<ErrorRecord>;
  return typeof v.code === 'string' && typeof v.retryable === 'boolean' && typeof v.userFacing === 'boolean';
}

/** Flattens anything thrown into a record; a PatternsweepError (or a record of one) keeps its fields. */
export function toErrorRecord(error: unknown): ErrorRecord {
  if (typeof error === 'object' && error !== null) {
    const e = error as { name?: unknown; message?: unknown };
    const name = typeof e.name === 'string' ? e.name : 'Error';
    const message = typeof e.message === 'string' ? e.message : String(e.message ?? error);
    if (hasContract(error)) {
      return { name, code: error.code, message, retryable: error.retryable, userFacing: error.userFacing };
    }
    return { name, code: INTERNAL_ERROR_CODE, message, retryable: true, userFacing: false };
  }
  return { name: 'Error', code: INTERNAL_ERROR_CODE, message: String(error), retryable: true, userFacing: false };
}

/** Rebuilds an error from a record (after a thread or wire crossing); `instanceof PatternsweepError` holds again. */
export function fromErrorRecord(record: ErrorRecord): PatternsweepError {
  const error = new PatternsweepError(record.code, record.message, {
    retryable: record.retryable,
    userFacing: record.userFacing,
  });
  Object.defineProperty(error, 'name', { value: record.name, enumerable: false, configurable: true, writable: false });
  return error;
}

/** Whether retrying may help: false only for errors that say so. */
export function isRetryable(error: unknown): boolean {
  return toErrorRecord(error).retryable;
}

/** Whether the message is written for the user (print it alone, no stack). */
export function isUserFacing(error: unknown): boolean {
  return toErrorRecord(error).userFacing;
}
