/**
 * A real local dispatcher (piscina threads computing real shards) whose sink
 * holds still after given numbers of stored shards, so a test can compare the
 * page with the store while the sweep is running and nothing moves.
 */
import type { ShardDispatcher } from '../../coordinator/dispatch.js';
import type { ShardTask } from '../../worker/shard.js';

interface Deferred {
  readonly promise: Promise<void>;
  resolve(): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export class GatedDispatcher implements ShardDispatcher {
  readonly #inner: ShardDispatcher;
  readonly #stops: Map<number, { reached: Deferred; release: Deferred }>;

  /** Pauses once `stops[i]` shards are stored, until `release(stops[i])`. */
  constructor(inner: ShardDispatcher, stops: readonly number[]) {
    this.#inner = inner;
    this.#stops = new Map(stops.map((n) => [n, { reached: deferred(), release: deferred() }]));
  }

  /** Resolves when the sweep has stored `n` shards and holds. */
  reached(n: number): Promise<void> {
    return this.#stop(n).reached.promise;
  }

  release(n: number): void {
    this.#stop(n).release.resolve();
  }

  releaseAll(): void {
    for (const stop of this.#stops.values()) stop.release.resolve();
  }

  #stop(n: number): { reached: Deferred; release: Deferred } {
    const stop = this.#stops.get(n);
    if (stop === undefined) throw new Error(`no stop at ${n} shards`);
    return stop;
  }

  run(
    pending: readonly ShardTask[],
    sink: Parameters<ShardDispatcher['run']>[1],
    signal?: AbortSignal,
  ): Promise<void> {
    let stored = 0;
    return this.#inner.run(
      pending,
      {
        onResult: async (out, meta) => {
          await sink.onResult(out, meta);
          stored++;
          const stop = this.#stops.get(stored);
          if (stop !== undefined) {
            stop.reached.resolve();
            await stop.release.promise;
          }
        },
        onFailure: (task, error) => sink.onFailure(task, error),
      },
      signal,
    );
  }

  close(): Promise<void> {
    this.releaseAll();
    return this.#inner.close();
  }
}
