/**
 * Human progress of a sweep: a cli-progress bar on a TTY (shards, runs/s,
 * ETA), plain periodic lines elsewhere (CI, logs, a parent process). Runs/s
 * and ETA count only shards computed in this session, so a resumed sweep does
 * not look impossibly fast, and over a recent window (recent-rate.ts), so the
 * ETA follows a sweep that slows down or speeds up.
 */
import cliProgress from 'cli-progress';
import { RecentRate } from './recent-rate.js';

export const PROGRESS_MODES = ['auto', 'bar', 'lines', 'none'] as const;
export type ProgressMode = (typeof PROGRESS_MODES)[number];

export interface ProgressSnapshot {
  readonly totalShards: number;
  readonly doneShards: number;
  readonly failedShards: number;
  readonly totalRuns: number;
  readonly doneRuns: number;
}

export interface ProgressReporter {
  start(snapshot: ProgressSnapshot): void;
  update(snapshot: ProgressSnapshot): void;
  stop(snapshot: ProgressSnapshot): void;
}

export interface ProgressOptions {
  /** Where progress goes. @default process.stderr */
  stream?: NodeJS.WriteStream;
  /**
   * `lines` mode: minimum milliseconds between lines (the final line is
   * always written). @default PATTERNSWEEP_PROGRESS_INTERVAL_MS, else 5000
   */
  intervalMs?: number;
  /** Clock in ms, for tests. @default performance.now */
  now?: () => number;
  /** Width of the runs/s window, ms. @default 30000 */
  rateWindowMs?: number;
}

function defaultInterval(): number {
  const v = Number(process.env.PATTERNSWEEP_PROGRESS_INTERVAL_MS);
  return Number.isFinite(v) && v >= 0 ? v : 5000;
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 60) return `${Math.round(seconds)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.round((seconds % 3600) / 60)).padStart(2, '0')}m`;
}

/** Rate and ETA over this session's recent work (the last 30 s). */
class RateMeter {
  readonly #window: RecentRate;
  constructor(now: () => number, windowMs?: number) {
    this.#window = new RecentRate({ now, windowMs });
  }
  start(s: ProgressSnapshot): void {
    this.#window.start(s.doneRuns);
  }
  rate(s: ProgressSnapshot): number {
    this.#window.record(s.doneRuns);
    return this.#window.rate();
  }
  eta(s: ProgressSnapshot): number {
    this.#window.record(s.doneRuns);
    return this.#window.eta(s.totalRuns - s.doneRuns);
  }
}

/** `progress: 12/40 shards (3072/10240 runs, 30.0%), 0 failed, 1520 runs/s, ETA 5s` */
export function formatProgressLine(s: ProgressSnapshot, runsPerSecond: number, etaSeconds: number): string {
  const pct = s.totalRuns > 0 ? ((100 * s.doneRuns) / s.totalRuns).toFixed(1) : '100.0';
  return (
    `progress: ${s.doneShards}/${s.totalShards} shards (${s.doneRuns}/${s.totalRuns} runs, ${pct}%), ` +
    `${s.failedShards} failed, ${Math.round(runsPerSecond)} runs/s, ETA ${formatDuration(etaSeconds)}`
  );
}

class LinesProgress implements ProgressReporter {
  readonly #stream: NodeJS.WritableStream;
  readonly #interval: number;
  readonly #now: () => number;
  readonly #meter: RateMeter;
  #last = Number.NEGATIVE_INFINITY;
  constructor(options: ProgressOptions) {
    this.#stream = options.stream ?? process.stderr;
    this.#interval = options.intervalMs ?? defaultInterval();
    this.#now = options.now ?? (() => performance.now());
    this.#meter = new RateMeter(this.#now, options.rateWindowMs);
  }
  #lastShards = -1;
  #write(s: ProgressSnapshot): void {
    this.#last = this.#now();
    this.#lastShards = s.doneShards + s.failedShards;
    this.#stream.write(`${formatProgressLine(s, this.#meter.rate(s), this.#meter.eta(s))}\n`);
  }
  start(s: ProgressSnapshot): void {
    this.#meter.start(s);
    this.#stream.write(
      `sweep: ${s.totalRuns} runs in ${s.totalShards} shards; ${s.doneShards} already stored, ` +
        `${s.totalShards - s.doneShards} to compute\n`,
    );
    this.#last = this.#now();
  }
  update(s: ProgressSnapshot): void {
    if (this.#now() - this.#last >= this.#interval) this.#write(s);
  }
  stop(s: ProgressSnapshot): void {
    // The final state, unless the last line already showed it.
    if (s.doneShards + s.failedShards !== this.#lastShards) this.#write(s);
  }
}

class BarProgress implements ProgressReporter {
  readonly #bar: cliProgress.SingleBar;
  readonly #meter: RateMeter;
  constructor(options: ProgressOptions) {
    this.#meter = new RateMeter(options.now ?? (() => performance.now()), options.rateWindowMs);
    this.#bar = new cliProgress.SingleBar({
      stream: options.stream ?? process.stderr,
      format: '{bar} {value}/{total} shards | {runs} runs | {failed} failed | {rate} runs/s | ETA {etaText}',
      hideCursor: true,
      fps: 5,
    });
  }
  #payload(s: ProgressSnapshot): Record<string, string | number> {
    return {
      runs: `${s.doneRuns}/${s.totalRuns}`,
      failed: s.failedShards,
      rate: Math.round(this.#meter.rate(s)),
      etaText: formatDuration(this.#meter.eta(s)),
    };
  }
  start(s: ProgressSnapshot): void {
    this.#meter.start(s);
    this.#bar.start(s.totalShards, s.doneShards + s.failedShards, this.#payload(s));
  }
  update(s: ProgressSnapshot): void {
    this.#bar.update(s.doneShards + s.failedShards, this.#payload(s));
  }
  stop(s: ProgressSnapshot): void {
    this.#bar.update(s.doneShards + s.failedShards, this.#payload(s));
    this.#bar.stop();
  }
}

const SILENT: ProgressReporter = { start() {}, update() {}, stop() {} };

/** `auto`: a bar when the stream is a TTY and CI is not set, else lines. */
export function createProgress(mode: ProgressMode, options: ProgressOptions = {}): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  const resolved =
    mode === 'auto' ? (stream.isTTY === true && process.env.CI === undefined ? 'bar' : 'lines') : mode;
  switch (resolved) {
    case 'bar':
      return new BarProgress({ ...options, stream });
    case 'lines':
      return new LinesProgress({ ...options, stream });
    case 'none':
      return SILENT;
  }
}
