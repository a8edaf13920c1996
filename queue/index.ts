/**
 * queue/: the work-queue and spec-store contract (contract.ts) shared by the
 * coordinator loop and the worker loop, the retry policy of both modes, and
 * the in-memory transport. The JetStream transport is `queue/jetstream/`
 * (its own entry, so a local run never loads the NATS client).
 */
export { WORK_QUEUE_DEFAULTS } from './contract.js';
export type {
  Delivery,
  Outcome,
  SpecReader,
  SweepEntry,
  SweepQueue,
  SweepQueueFactory,
  WorkQueueSettings,
  WorkSource,
} from './contract.js';
export { Channel } from './channel.js';
export { MemoryQueue, MEMORY_QUEUE_DEFAULTS } from './memory/queue.js';
export type { MemoryQueueOptions } from './memory/queue.js';
export { BACKOFF_DEFAULTS, isFinalFailure, resolveBackoff, retryDelayMs } from './retry.js';
export type { BackoffOptions, ResolvedBackoff } from './retry.js';
export { QueueOptionError, SpecNotFoundError, SpecStoreEntryError, WireBackendError } from './errors.js';
export { checkWireBackend, WIRE_BACKENDS } from './wire-backend.js';
export type { ShardOutput, ShardTrajectory } from './shard-output.js';
export { HTTP_ENDPOINT_DEFAULTS, startHttpEndpoint } from './http-endpoint.js';
export type { HttpEndpoint } from './http-endpoint.js';
