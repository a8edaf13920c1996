/**
 * Which shard errors retrying cannot fix. Both the local dispatcher and the
 * NATS worker decide retries with it, so it lives on the worker side of the
 * one-way import flow (worker <- coordinator).
 *
 * Matched by `name`, never by class or message: errors lose their class when
 * they cross a thread or a process (worker/thread-error.ts).
 */
export const UNRECOVERABLE_ERRORS: ReadonlySet<string> = new Set([
  'ModelParameterError',
  'SpecError',
  'RunDecodeError',
  'SweepRangeError',
  'ShardRangeError',
  'BackendUnavailableError',
  'DataCloneError',
]);

/** True for errors to record as failed at once (any `Unrecoverable*` name too); anything else is retried. */
export function isUnrecoverable(error: { name?: unknown }): boolean {
  const name = typeof error.name === 'string' ? error.name : '';
  return UNRECOVERABLE_ERRORS.has(name) || name.startsWith('Unrecoverable');
}

/** The `name` and `message` a failure record keeps, from anything a shard may throw. */
export function describeShardError(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const e = error as { name?: unknown; message: unknown };
    return { name: typeof e.name === 'string' ? e.name : 'Error', message: String(e.message) };
  }
  return { name: 'Error', message: String(error) };
}
