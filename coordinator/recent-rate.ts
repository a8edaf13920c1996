/**
 * Runs per second over a recent window (default the last 30 s), not since the
 * start: a sweep whose shards slow down (longer runs at larger gamma) or stall
 * shows it within one window, and the ETA follows. While nothing lands the
 * rate decays, because the window keeps moving.
 */
export interface RecentRateOptions {
  /** Width of the window, ms. @default 30000 */
  readonly windowMs?: number;
  /** Clock in ms. @default performance.now */
  readonly now?: () => number;
}

export const RECENT_RATE_DEFAULTS = Object.freeze({ windowMs: 30_000 });

interface Sample {
  readonly t: number;
  readonly runs: number;
}

export class RecentRate {
  readonly windowMs: number;
  readonly #now: () => number;
  #samples: Sample[] = [];

  constructor(options: RecentRateOptions = {}) {
    this.windowMs = options.windowMs ?? RECENT_RATE_DEFAULTS.windowMs;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Starts (or restarts) the window at `runs` done now. */
  start(runs: number): void {
    this.#samples = [{ t: this.#now(), runs }];
  }

  /** Records the runs done so far. */
  record(runs: number): void {
    const t = this.#now();
    if (this.#samples.length === 0) {
      this.#samples = [{ t, runs }];
      return;
    }
    this.#samples.push({ t, runs });
    // Keep one sample at or before the window's start as the base.
    const from = t - this.windowMs;
    let drop = 0;
    while (drop + 1 < this.#samples.length && this.#samples[drop + 1].t <= from) drop++;
    if (drop > 0) this.#samples.splice(0, drop);
  }

  /** Runs per second over the window (0 before any time has passed). */
  rate(): number {
    if (this.#samples.length === 0) return 0;
    const now = this.#now();
    const last = this.#samples[this.#samples.length - 1];
    const from = now - this.windowMs;
    // Base: the runs done at the window's start, interpolated between the samples around it.
    let base = this.#samples[0];
    for (const s of this.#samples) if (s.t <= from) base = s;
    let baseRuns = base.runs;
    let baseT = base.t;
    if (base.t < from) {
      const next = this.#samples.find((s) => s.t > from);
      if (next !== undefined) baseRuns = base.runs + ((next.runs - base.runs) * (from - base.t)) / (next.t - base.t);
      else baseRuns = last.runs;
      baseT = from;
    }
    const seconds = (now - baseT) / 1000;
    return seconds > 0 ? Math.max(0, last.runs - baseRuns) / seconds : 0;
  }

  /** Seconds left for `remaining` runs at the recent rate; NaN when the rate is 0. */
  eta(remaining: number): number {
    const r = this.rate();
    return r > 0 ? remaining / r : Number.NaN;
  }
}
