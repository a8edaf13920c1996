/**
 * Which shards of a sweep are done, as sorted disjoint ranges [lo, hi]
 * (issue 12, point 4): a fresh 1e12-run sweep (3.9e9 shards) holds none, a
 * resumed one holds about as many ranges as there were gaps (shards in flight
 * when it stopped), never one entry per shard. `pendingShards` walks the
 * index space lazily and skips them.
 */
export class DoneSet {
  // Flat [lo0, hi0, lo1, hi1, ...], sorted, disjoint and not adjacent.
  #bounds: number[] = [];
  #count = 0;

  /** From ranges as the store reads them (sorted or not, possibly adjacent). */
  static fromRanges(ranges: Iterable<readonly [number, number]>): DoneSet {
    const set = new DoneSet();
    const sorted = [...ranges].filter(([lo, hi]) => hi >= lo).sort((a, b) => a[0] - b[0]);
    const b = set.#bounds;
    for (const [lo, hi] of sorted) {
      const last = b.length - 1;
      if (last > 0 && lo <= b[last] + 1) {
        if (hi > b[last]) {
          set.#count += hi - b[last];
          b[last] = hi;
        }
        continue;
      }
      b.push(lo, hi);
      set.#count += hi - lo + 1;
    }
    return set;
  }

  get size(): number {
    return this.#count;
  }

  /** Ranges held (memory is O(this)). */
  get rangeCount(): number {
    return this.#bounds.length / 2;
  }

  /** Index of the first range whose hi >= shard (ranges.length/2 if none). */
  #find(shard: number): number {
    const b = this.#bounds;
    let lo = 0;
    let hi = b.length / 2;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (b[2 * mid + 1] < shard) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  has(shard: number): boolean {
    const i = this.#find(shard);
    return i < this.#bounds.length / 2 && this.#bounds[2 * i] <= shard;
  }

  add(shard: number): void {
    const b = this.#bounds;
    const i = this.#find(shard);
    const n = b.length / 2;
    if (i < n && b[2 * i] <= shard) return;
    this.#count++;
    const joinsPrev = i > 0 && b[2 * i - 1] === shard - 1;
    const joinsNext = i < n && b[2 * i] === shard + 1;
    if (joinsPrev && joinsNext) {
      b[2 * i - 1] = b[2 * i + 1];
      b.splice(2 * i, 2);
    } else if (joinsPrev) {
      b[2 * i - 1] = shard;
    } else if (joinsNext) {
      b[2 * i] = shard;
    } else {
      b.splice(2 * i, 0, shard, shard);
    }
  }

  /** The first shard >= `from` that is not done. */
  nextMissing(from: number): number {
    const i = this.#find(from);
    if (i < this.#bounds.length / 2 && this.#bounds[2 * i] <= from) return this.#bounds[2 * i + 1] + 1;
    return from;
  }
}

/** Shards in [0, shardCount) not in `done`, in shard order, generated as they are asked for. */
export function* pendingShards(shardCount: number, done: DoneSet): Generator<number> {
  let k = 0;
  for (;;) {
    k = done.nextMissing(k);
    if (k >= shardCount) return;
    yield k;
    k++;
  }
}
