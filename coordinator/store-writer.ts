/**
 * The store writer between the coordinator loop and the store (issue 12,
 * points 1-2): results and final failures queue here, and one writer commits
 * whatever has arrived since its last commit as ONE transaction
 * (ResultStore.commit), up to `maxBatch` records. Each submit resolves with
 * its record's outcome only after that commit, so a NATS result is acked
 * only once it is durable (README, "Guarantees and their limits").
 *
 * Memory is bounded: `admit()` waits while `capacity` records are queued, and
 * the coordinator loop admits before it takes the next outcome, so a slow
 * disk slows the sweep (results wait in the broker, lanes run out of
 * enqueued work) instead of growing this queue.
 */
import type { CommitOutcome, ShardRecord } from './store.js';

/** What the writer needs from the store: group commit. */
export interface CommitTarget {
  commit(batch: readonly ShardRecord[]): Promise<CommitOutcome[]>;
}

export interface StoreWriterOptions {
  /** Records in one transaction, at most. @default 512 */
  maxBatch?: number;
  /** Records queued (not yet committed), at most, before admit() waits. @default 2048 */
  capacity?: number;
}

export const STORE_WRITER_DEFAULTS = Object.freeze({ maxBatch: 512, capacity: 2048 });

interface Queued {
  readonly record: ShardRecord;
  resolve(outcome: CommitOutcome): void;
  reject(error: unknown): void;
}

export class StoreWriter {
  readonly #target: CommitTarget;
  readonly #maxBatch: number;
  readonly #capacity: number;
  #queue: Queued[] = [];
  #writing: Promise<void> | null = null;
  #roomWaiters: (() => void)[] = [];
  #error: unknown = undefined;
  #commits = 0;
  #committed = 0;

  constructor(target: CommitTarget, options: StoreWriterOptions = {}) {
    this.#target = target;
    this.#maxBatch = options.maxBatch ?? STORE_WRITER_DEFAULTS.maxBatch;
    this.#capacity = options.capacity ?? STORE_WRITER_DEFAULTS.capacity;
    if (!Number.isInteger(this.#maxBatch) || this.#maxBatch < 1) throw new RangeError(`maxBatch: ${this.#maxBatch} is not an integer >= 1`);
    if (!Number.isInteger(this.#capacity) || this.#capacity < this.#maxBatch) {
      throw new RangeError(`capacity: ${this.#capacity} is not an integer >= maxBatch (${this.#maxBatch})`);
    }
  }

  /** Records queued or being committed. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Transactions so far, and records in them (the mean batch is their ratio). */
  get stats(): { commits: number; records: number } {
    return { commits: this.#commits, records: this.#committed };
  }

  /** Resolves once there is room for one more record (back-pressure); rejects after a failed commit. */
  async admit(): Promise<void> {
    while (this.#queue.length >= this.#capacity && this.#error === undefined) {
      await new Promise<void>((resolve) => this.#roomWaiters.push(resolve));
    }
    if (this.#error !== undefined) throw this.#error;
  }

  /** Queues a record; resolves with its outcome once committed. */
  submit(record: ShardRecord): Promise<CommitOutcome> {
    if (this.#error !== undefined) return Promise.reject(this.#error);
    return new Promise<CommitOutcome>((resolve, reject) => {
      this.#queue.push({ record, resolve, reject });
      this.#writing ??= this.#drain();
    });
  }

  /** Resolves when everything submitted so far is committed (or failed). */
  async flush(): Promise<void> {
    while (this.#writing !== null) await this.#writing;
  }

  async #drain(): Promise<void> {
    // Let the records that arrive in the same turn join the first batch.
    await Promise.resolve();
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.slice(0, this.#maxBatch);
        let outcomes: CommitOutcome[];
        try {
          outcomes = await this.#target.commit(batch.map((q) => q.record));
        } catch (error) {
          // The store is broken (disk full, file gone): nothing more can be stored.
          this.#error = error;
          for (const q of this.#queue) q.reject(error);
          this.#queue = [];
          break;
        }
        this.#queue.splice(0, batch.length);
        this.#commits++;
        this.#committed += batch.length;
        batch.forEach((q, i) => q.resolve(outcomes[i]));
        for (const wake of this.#roomWaiters.splice(0)) wake();
      }
    } finally {
      for (const wake of this.#roomWaiters.splice(0)) wake();
      this.#writing = null;
    }
  }
}
