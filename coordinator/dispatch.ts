/**
 * How shards get computed. The coordinator (sweep-run.ts) hands the pending
 * shards to a dispatcher and stores what comes back; it does not care whether
 * they ran on local threads (LocalDispatcher) or on remote workers over NATS
 * (coordinator/nats/, NatsDispatcher). Results are identical either way.
 */
import { hostname } from 'node:os';
import { resolveShardPoolOptions, ShardPool, type ShardPoolOptions } from '../worker/pool.js';
import type { ShardOutput, ShardTask } from '../worker/shard.js';
import { describeShardError, isUnrecoverable } from '../worker/retry-policy.js';

export { isUnrecoverable, UNRECOVERABLE_ERRORS } from '../worker/retry-policy.js';

export interface ShardResultMeta {
  /** Who computed it, e.g. `local:host/1234` or a worker id. */
  readonly worker: string;
  /** 1 on the first try. */
  readonly attempts: number;
}

export interface ShardFailure {
  readonly name: string;
  readonly message: string;
  readonly attempts: number;
}

export interface ShardSink {
  onResult(out: ShardOutput, meta: ShardResultMeta): Promise<void>;
  onFailure(task: ShardTask, error: ShardFailure): Promise<void>;
}

export interface ShardDispatcher {
  /** Runs every pending shard; calls onResult/onFailure as they finish (awaits them: back-pressure). */
  run(
    pending: readonly ShardTask[],
    sink: {
      onResult(out: ShardOutput, meta: { worker: string; attempts: number }): Promise<void>;
      onFailure(task: ShardTask, error: { name: string; message: string; attempts: number }): Promise<void>;
    },
    signal?: AbortSignal,
  ): Promise<void>;
  close(): Promise<void>;
}


export interface LocalDispatcherOptions extends ShardPoolOptions {
  /** Tries per shard before it is recorded as failed (unrecoverable errors: 1). @default 3 */
  maxAttempts?: number;
}

export const LOCAL_DISPATCHER_DEFAULTS = Object.freeze({ maxAttempts: 3 });

export class DispatchOptionError extends Error {
  override readonly name = 'DispatchOptionError';
  readonly code = 'DISPATCH_OPTION';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

// A function, not an inline test: TypeScript would narrow `signal.aborted` across awaits.
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** Runs shards on a local piscina pool: one lane per thread, each lane computes then stores. */
export class LocalDispatcher implements ShardDispatcher {
  readonly maxAttempts: number;
  readonly worker: string;
  readonly #threads: number;
  // Started on the first shard: a sweep with nothing left to compute starts no threads.
  #pool: ShardPool | null = null;

  constructor(options: LocalDispatcherOptions = {}) {
    const maxAttempts = options.maxAttempts ?? LOCAL_DISPATCHER_DEFAULTS.maxAttempts;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new DispatchOptionError(`maxAttempts: ${String(maxAttempts)} is not an integer >= 1`);
    }
    this.maxAttempts = maxAttempts;
    this.#threads = resolveShardPoolOptions({ threads: options.threads }).threads;
    this.worker = `local:${hostname()}/${process.pid}`;
  }

  get threads(): number {
    return this.#threads;
  }

  async run(pending: readonly ShardTask[], sink: ShardSink, signal?: AbortSignal): Promise<void> {
    if (pending.length === 0) return;
    this.#pool ??= new ShardPool({ threads: this.#threads });
    const pool = this.#pool;
    let next = 0;
    // The first error of a sink (e.g. the store failed) stops every lane.
    let broken: { error: unknown } | null = null;
    // A lane holds one shard at a time from compute through store, so at most
    // `threads` results wait in memory and a slow store slows the computing.
    const lane = async (): Promise<void> => {
      while (next < pending.length && !isAborted(signal) && broken === null) {
        const task = pending[next++];
        for (let attempt = 1; ; attempt++) {
          let out: ShardOutput;
          try {
            out = await pool.run(task, signal);
          } catch (error) {
            // Interrupted: the shard stays pending; a resumed run computes it.
            if (isAborted(signal)) return;
            const described = describeShardError(error);
            if (isUnrecoverable(described) || attempt >= this.maxAttempts) {
              await sink.onFailure(task, { ...described, attempts: attempt });
              break;
            }
            continue;
          }
          await sink.onResult(out, { worker: this.worker, attempts: attempt });
          break;
        }
      }
    };
    const guarded = async (): Promise<void> => {
      try {
        await lane();
      } catch (error) {
        broken ??= { error };
      }
    };
    const lanes = Math.min(this.#threads, pending.length);
    await Promise.all(Array.from({ length: lanes }, guarded));
    if (broken !== null) throw (broken as { error: unknown }).error;
  }

  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = null;
    await pool?.close();
  }
}
