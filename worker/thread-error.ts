/**
 * Errors crossing a thread boundary are structured-cloned, which keeps only
 * the message of a custom error class (its `name` becomes `Error`). Retry
 * policy decides on `name` (coordinator/dispatch.ts), so the thread sends a
 * plain record and the pool turns it back into an Error with the same name.
 */

export interface ThreadErrorRecord {
  readonly threadError: true;
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly stack?: string;
}

export function toThreadErrorRecord(error: unknown): ThreadErrorRecord {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      threadError: true,
      name: error.name,
      message: error.message,
      ...(typeof code === 'string' ? { code } : {}),
      ...(error.stack !== undefined ? { stack: error.stack } : {}),
    };
  }
  return { threadError: true, name: 'Error', message: String(error) };
}

/** An error from a shard thread, with the original `name` and `code`. */
export class ShardThreadError extends Error {
  override readonly name: string;
  readonly code: string | undefined;
  constructor(record: ThreadErrorRecord) {
    super(record.message);
    this.name = record.name;
    this.code = record.code;
    if (record.stack !== undefined) this.stack = record.stack;
  }
}

export function reviveThreadError(error: unknown): unknown {
  if (typeof error === 'object' && error !== null && (error as { threadError?: unknown }).threadError === true) {
    return new ShardThreadError(error as ThreadErrorRecord);
  }
  return error;
}
