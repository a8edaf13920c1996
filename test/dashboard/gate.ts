/**
 * A real local sweep (piscina threads computing real shards) that holds still
 * after given numbers of stored shards, so a test can compare the page with
 * the store while the sweep is running and nothing moves.
 *
 * The gate wraps the lanes' shard runner: the (n+1)-th shard to start waits
 * until stop n is released, and the sweep observer tells when n shards are
 * stored (committed). Between the two nothing is computed or stored.
 */
import type { SweepObserver } from '../../coordinator/index.js';
import type { ShardRunner } from '../../worker/index.js';

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

export class ShardGate {
  readonly #inner: ShardRunner;
  readonly #stops: Map<number, { reached: Deferred; release: Deferred }>;
  readonly #order: readonly number[];
  #started = 0;
  #stored = 0;

  /** Pauses once `stops[i]` shards are stored, until `release(stops[i])`. */
  constructor(inner: ShardRunner, stops: readonly number[]) {
    this.#inner = inner;
    this.#order = [...stops].sort((a, b) => a - b);
    this.#stops = new Map(stops.map((n) => [n, { reached: deferred(), release: deferred() }]));
  }

  /** The lanes' runner: shard k (0-based start order) waits for the release of every stop n <= k. */
  readonly runShard: ShardRunner = async (task, signal) => {
    const k = this.#started++;
    for (const n of this.#order) if (k >= n) await this.#stop(n).release.promise;
    return this.#inner(task, signal);
  };

  /** The sweep's observer: counts stored shards and resolves `reached`. */
  readonly observer: SweepObserver = {
    stored: () => {
      this.#stored++;
      this.#stops.get(this.#stored)?.reached.resolve();
    },
  };

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
}
