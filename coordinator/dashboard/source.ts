/**
 * Where the dashboard reads a sweep from: a read connection on its store and
 * a progress snapshot. Two kinds: `liveSource` inside the coordinator of a
 * running sweep (a second connection on the instance that writes the store,
 * plus the coordinator's own counters), and `storedSource` for a finished or
 * stopped sweep (`patternsweep serve DIR`, the store opened read-only).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ProgressSnapshot } from '../progress.js';
import { RecentRate } from '../recent-rate.js';
import { ResultStore, type StoreLayout } from '../store.js';

/** `running`: the coordinator is computing; `complete`: every shard stored; `stopped`: not running and shards missing. */
export type SweepState = 'running' | 'complete' | 'stopped';

export interface WorkerView {
  readonly id: string;
  readonly host: string;
  readonly threads: number;
  readonly busy: number;
  readonly shardsDone: number;
  readonly shardsFailed: number;
  /** Seconds since its last heartbeat. */
  readonly ageSeconds: number;
}

export interface ProgressView {
  readonly state: SweepState;
  readonly totalShards: number;
  readonly doneShards: number;
  readonly failedShards: number;
  readonly totalRuns: number;
  readonly doneRuns: number;
  /** Runs/s over the last `rateWindowSeconds` (null when not running). */
  readonly runsPerSecond: number | null;
  readonly rateWindowSeconds: number;
  readonly etaSeconds: number | null;
  /** Seconds since this coordinator started (null when not running). */
  readonly elapsedSeconds: number | null;
  /** Live workers and their heartbeats in cluster mode; null for local threads or a stored sweep. */
  readonly workers: readonly WorkerView[] | null;
}

export interface SweepSource {
  readonly dir: string;
  readonly layout: StoreLayout;
  /** Reads only; separate from any connection that writes. */
  readonly connection: DuckDBConnection;
  progress(): Promise<ProgressView>;
  close(): Promise<void>;
}

/** What a running coordinator offers (coordinator/sweep-run.ts `OpenSweep` has this shape). */
export interface LiveSweep {
  readonly store: ResultStore;
  readonly outDir: string;
  snapshot(): ProgressSnapshot;
  /** True once the dispatcher has returned (complete, or interrupted). */
  finished(): boolean;
}

export interface LiveSourceOptions {
  /** Heartbeats of cluster workers (coordinator/nats/cluster-status.ts). @default none (local threads) */
  readonly workers?: () => Promise<readonly WorkerView[]>;
  /** Width of the runs/s window, ms. @default 30000 */
  readonly rateWindowMs?: number;
  /** Clock, ms. @default performance.now */
  readonly now?: () => number;
}

function stateOf(done: number, total: number, running: boolean): SweepState {
  if (done >= total) return 'complete';
  return running ? 'running' : 'stopped';
}

export async function liveSource(sweep: LiveSweep, options: LiveSourceOptions = {}): Promise<SweepSource> {
  const now = options.now ?? (() => performance.now());
  const began = now();
  const rate = new RecentRate({ windowMs: options.rateWindowMs, now });
  rate.start(sweep.snapshot().doneRuns);
  const connection = await sweep.store.readConnection();
  return {
    dir: sweep.outDir,
    layout: sweep.store.layout,
    connection,
    async progress(): Promise<ProgressView> {
      const s = sweep.snapshot();
      const running = !sweep.finished();
      rate.record(s.doneRuns);
      const perSecond = running ? rate.rate() : null;
      const eta = perSecond !== null && perSecond > 0 ? (s.totalRuns - s.doneRuns) / perSecond : null;
      return {
        state: stateOf(s.doneShards, s.totalShards, running),
        totalShards: s.totalShards,
        doneShards: s.doneShards,
        failedShards: s.failedShards,
        totalRuns: s.totalRuns,
        doneRuns: s.doneRuns,
        runsPerSecond: perSecond,
        rateWindowSeconds: rate.windowMs / 1000,
        etaSeconds: eta,
        elapsedSeconds: (now() - began) / 1000,
        workers: options.workers === undefined ? null : await options.workers(),
      };
    },
    async close(): Promise<void> {
      connection.closeSync();
    },
  };
}

/** A sweep nobody is running: its store opened read-only (fails with StoreBusyError while a run holds it). */
export async function storedSource(dir: string): Promise<SweepSource> {
  const store = await ResultStore.openExisting(dir);
  const connection = await store.readConnection();
  return {
    dir,
    layout: store.layout,
    connection,
    async progress(): Promise<ProgressView> {
      const c = await store.counts();
      return {
        state: stateOf(c.done, store.layout.shardCount, false),
        totalShards: store.layout.shardCount,
        doneShards: c.done,
        failedShards: c.failed,
        totalRuns: store.layout.size,
        doneRuns: c.runs,
        runsPerSecond: null,
        rateWindowSeconds: 0,
        etaSeconds: null,
        elapsedSeconds: null,
        workers: null,
      };
    },
    async close(): Promise<void> {
      connection.closeSync();
      await store.close();
    },
  };
}
