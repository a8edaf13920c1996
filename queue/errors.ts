/** Errors of the work-queue layer (both transports). */
import { PatternsweepError } from '../errors/index.js';

/** The spec a shard names is not in the spec store (yet): retryable, the coordinator may still be storing it. */
export class SpecNotFoundError extends PatternsweepError {
  override readonly name = 'SpecNotFoundError';
  constructor(readonly specHash: string, options?: { cause?: unknown }) {
    super('E_SPEC_NOT_FOUND', `spec ${specHash} is not in the spec store (has the coordinator stored it?)`, {
      ...options,
      retryable: true,
    });
  }
}

/** A stored spec that does not hash to its key or does not validate: corrupt or foreign; retrying will not help. */
export class SpecStoreEntryError extends PatternsweepError {
  override readonly name = 'SpecStoreEntryError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('E_SPEC_ENTRY', message, { ...options, retryable: false });
  }
}

/** A work message whose backend name this build does not know: unrecoverable for that message. */
export class WireBackendError extends PatternsweepError {
  override readonly name = 'WireBackendError';
  constructor(readonly backend: string, allowed: readonly string[]) {
    super('E_WIRE_BACKEND', `shard message backend: "${backend}" is not one of ${allowed.join(', ')}`, { retryable: false });
  }
}

/** A bad queue option (namespace, tuning knob). */
export class QueueOptionError extends PatternsweepError {
  override readonly name = 'QueueOptionError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('E_QUEUE_OPTION', message, { ...options, userFacing: true });
  }
}
