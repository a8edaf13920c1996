/**
 * The work-queue contract of patternsweep (ARCHITECTURE.md, "What flows
 * where"): one coordinator loop (coordinator/coordinate.ts) and one worker
 * loop (worker/loop.ts) talk only through these interfaces, and two
 * transports implement them:
 * - queue/memory/: in one process (`patternsweep run` without `--nats`);
 * - queue/jetstream/: NATS JetStream + KV (`--nats URL`, `patternsweep worker`).
 * queue/conformance (test/queue/conformance.test.ts) runs both through the
 * same checks.
 *
 * Semantics, the same in both (they are JetStream's work-queue semantics):
 * - a work message is delivered to one puller at a time; not acked within
 *   AckWait (kept alive by `working()`), it is delivered again, and its
 *   delivery count grows;
 * - `nak(delay)` hands it back to be redelivered after `delay`; `term()` drops
 *   it; `ack()` removes it;
 * - after MaxDeliver deliveries without ack it is dead-lettered: the
 *   coordinator sees a `dead-letter` outcome (JetStream: the MAX_DELIVERIES
 *   advisory) unless a final failure report already resolved the shard;
 * - results and failure reports are delivered to the coordinator at least
 *   once; it settles each only after it is stored (commit), so a crash loses
 *   nothing; the store ignores a result of a shard already done.
 */
import type { HeartbeatMessage, ShardFailureMessage, ShardMessage, ShardResultMessage } from '../proto/index.js';
import type { SweepSpec } from '../sweep/index.js';

/** One delivery of a work message to a worker lane. */
export interface Delivery {
  /** The shard; `null` when the message could not be read (`error` says why): terminate it. */
  readonly shard: ShardMessage | null;
  readonly error: unknown;
  /** 1 on the first delivery. */
  readonly deliveryCount: number;
  /** Identifies the message in its queue (JetStream stream sequence). */
  readonly seq: number;
  /** Extends AckWait (a long shard is still being computed). */
  working(): void;
  /** Done: the message leaves the queue. Resolves once the queue confirmed it; rejects when it did not (best-effort: the caller only logs it). */
  ack(): Promise<void>;
  /** Failed this time: deliver again after `delayMs` (0 = at once). */
  nak(delayMs?: number): void;
  /** Never deliver again. */
  term(): void;
}

/** What a worker lane pulls from and publishes to. */
export interface WorkSource {
  /** The queue's AckWait and MaxDeliver (the work consumer's, which are authoritative). */
  readonly settings: WorkQueueSettings;
  /**
   * The next delivery, or null when none came within the pull's expiry or
   * `stopPulls()` was called. One call holds at most one message.
   */
  pull(): Promise<Delivery | null>;
  /** Ends pending pulls at once (worker shutdown). */
  stopPulls(): void;
  /** Publishes a result (deduplicated by `msgId` where the transport can). Resolves once durable. */
  publishResult(result: ShardResultMessage, msgId: string): Promise<void>;
  publishFailure(failure: ShardFailureMessage, msgId: string): Promise<void>;
  readonly specs: SpecReader;
  /** Worker liveness for `status` (JetStream: the heartbeat bucket); absent in one process. */
  beat?(heartbeat: HeartbeatMessage): Promise<void>;
  forget?(workerId: string): Promise<void>;
}

export interface WorkQueueSettings {
  /** How long a delivered shard may go without ack or `working()` before redelivery. @default 30000 */
  readonly ackWaitMs: number;
  /** Deliveries of one shard before it is dead-lettered (recorded failed). @default 5 */
  readonly maxDeliver: number;
}

export const WORK_QUEUE_DEFAULTS: WorkQueueSettings = Object.freeze({ ackWaitMs: 30_000, maxDeliver: 5 });

/** The spec store, keyed by spec hash: the coordinator puts, workers get (and cache). */
export interface SpecReader {
  /** The validated spec stored under `hash`; rejects (retryable) if missing, (unrecoverable) if corrupt. */
  get(hash: string): Promise<SweepSpec>;
}

export interface SweepEntry {
  readonly sweepId: string;
  readonly specHash: string;
  /** The normalised spec. */
  readonly spec: SweepSpec;
  /** The text the user wrote (for `status`); may be empty. */
  readonly specText: string;
}

/** Something the coordinator receives; `settle()` acknowledges it once its effect is stored. */
export type Outcome =
  | { readonly kind: 'result'; readonly result: ShardResultMessage; readonly receivedMs: number; readonly publishedMs: number; settle(): Promise<void> }
  | { readonly kind: 'failure'; readonly failure: ShardFailureMessage; settle(): Promise<void> }
  /** A shard delivered MaxDeliver times with no final failure report (its workers died). */
  | { readonly kind: 'dead-letter'; readonly shard: number; readonly deliveries: number; settle(): Promise<void> }
  /** A message on the results stream that cannot be read; `settle()` removes it. */
  | { readonly kind: 'unreadable'; readonly error: unknown; readonly subject: string; settle(): Promise<void> };

/** The coordinator's side of one sweep's queue. */
export interface SweepQueue {
  readonly settings: WorkQueueSettings;
  /**
   * Outcomes waiting from before this coordinator started (a crash, a
   * restart): the loop stores them before it enqueues anything, so those
   * shards are not computed again.
   */
  backlog(): AsyncIterable<Outcome>;
  /** Every outcome from now on; ends when `close()` is called. */
  outcomes(): AsyncIterable<Outcome>;
  enqueue(shard: ShardMessage, msgId: string): Promise<void>;
  /** Drops a work message for good (a dead-lettered shard the transport keeps otherwise). */
  deleteWork(seq: number): Promise<void>;
  /** Stops `outcomes()`; the queue's objects stay (a rerun resumes from them). */
  close(): Promise<void>;
  /** The sweep ended: remove what only this sweep used (its results consumer). */
  finish(): Promise<void>;
}

/** Opens one sweep's queue: topology, spec stored under its hash, stale work of an earlier session purged. */
export interface SweepQueueFactory {
  open(entry: SweepEntry): Promise<SweepQueue>;
}
