/**
 * runSweep: the coordinator of one sweep, for any transport.
 *   spec file -> parse + validate + plan, once (nothing written before this
 *   succeeds) -> open the store (refuses another spec's folder) -> resolve the
 *   backend once (coordinator/backend-choice.ts, recorded in meta) -> the
 *   coordinator loop (coordinate.ts) over the transport's queue, results
 *   group-committed by the store writer -> summary table + runs.parquet +
 *   summary.csv.
 * Interrupting (signal) stops dispatching, lets results being stored finish and
 * closes the store; rerunning the same command resumes with the missing shards.
 * Rows depend only on their index, so a resumed sweep ends bit-identical to an
 * uninterrupted one.
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { BackendName } from '../model/backend.js';
import type { SweepQueueFactory } from '../queue/index.js';
import { checkBackend, parseSpec, planSweep, readSpecFile, SpecFileError, specHash, type SweepPlan, type SweepSpec } from '../sweep/index.js';
import { chooseBackend } from './backend-choice.js';
import { axisColumns } from './columns.js';
import { coordinate, type SweepObserver } from './coordinate.js';
import { DoneSet } from './done-set.js';
import { createProgress, type ProgressMode, type ProgressReporter, type ProgressSnapshot } from './progress.js';
import { StoreWriteError } from './store-errors.js';
import { META_KEYS, type StoreLayout } from './store-schema.js';
import { StoreWriter, type StoreWriterOptions } from './store-writer.js';
import { keptStatistics, ResultStore } from './store.js';

export interface RunSweepOptions {
  /** The sweep, loaded once by the caller (loadSweep), or the path of its YAML spec. */
  sweep: LoadedSweep | string;
  /** Output folder. @default results/<spec name> */
  outDir?: string;
  /** The transport: a MemoryQueue (local lanes) or JetStreamSweepQueues (cluster). */
  queues: SweepQueueFactory;
  /** A name for the sweep on the wire. @default sweepIdOf(name, hash) */
  sweepId?: string;
  /** Delete earlier results of this folder first. @default false */
  fresh?: boolean;
  /** Fail unless there is a sweep to resume. @default false */
  resume?: boolean;
  /** Overrides the spec's `backend`. */
  backend?: BackendName;
  /** Largest spec file accepted. @default 1 MiB (sweep/spec-file.ts) */
  maxSpecBytes?: number;
  /** A mode or a ready reporter. @default 'auto' */
  progress?: ProgressMode | ProgressReporter;
  /** Shards enqueued and not yet resolved, at most. @default 256 */
  maxInFlight?: number;
  /** Group-commit bounds. @default STORE_WRITER_DEFAULTS */
  writer?: StoreWriterOptions;
  /** Told about every stored or failed shard (metrics). */
  observer?: SweepObserver;
  /** Told the sweep's totals (from the plan) and what the store already holds, before dispatching. */
  onStart?(info: { sweepId: string; specHash: string; shards: number; runs: number; doneShards: number; doneRuns: number }): void;
  /** Aborting stops dispatching; the sweep returns `interrupted`. */
  signal?: AbortSignal;
  logger?: Logger;
  /**
   * Called once the store is open, before any shard is dispatched (e.g. to
   * serve the dashboard, coordinator/dashboard/); what it returns is closed
   * after the last shard and before the store closes.
   */
  onStoreOpen?: (sweep: OpenSweep) => Promise<{ close(): Promise<void> } | undefined>;
}

/** What `onStoreOpen` sees of a running sweep: its store (read through `readConnection`) and live counters. */
export interface OpenSweep {
  readonly store: ResultStore;
  readonly outDir: string;
  readonly loaded: LoadedSweep;
  snapshot(): ProgressSnapshot;
  /** True once the dispatcher has returned (complete or interrupted). */
  finished(): boolean;
}
export interface SweepRunResult {
  readonly status: 'complete' | 'interrupted';
  readonly outDir: string;
  readonly specHash: string;
  readonly name: string;
  readonly shards: { readonly total: number; readonly done: number; readonly failed: number; readonly computed: number };
  /** Runs stored. */
  readonly runs: number;
  readonly totalRuns: number;
  /** Grid points (x samples) of the sweep. */
  readonly points: number;
  readonly elapsedMs: number;
  /** Exported files (complete sweeps only). */
  readonly files: { readonly db: string; readonly runs: string | null; readonly summary: string | null };
  /** The backend every shard ran (`auto` resolved once). */
  readonly backend: BackendName;
  /** Results refused as protocol errors (their shards were recomputed). */
  readonly protocolErrors: number;
}

export { SpecFileError };

export interface LoadedSweep {
  readonly spec: SweepSpec;
  readonly specText: string;
  readonly specHash: string;
  readonly plan: SweepPlan;
  readonly layout: StoreLayout;
}

/** What loadSweep checks beyond the spec itself. */
export interface LoadSweepOptions {
  /** Largest spec file accepted. @default 1 MiB (sweep/spec-file.ts) */
  readonly maxSpecBytes?: number;
  /** The backend that will run it, when not the spec's own (`run --backend`): its rules are checked too. */
  readonly backend?: BackendName;
}

/** Reads, validates and plans a spec; touches nothing else. Throws SpecFileError / SpecError. */
export async function loadSweep(specPath: string, options: LoadSweepOptions = {}): Promise<LoadedSweep> {
  const specText = await readSpecFile(specPath, { maxBytes: options.maxSpecBytes });
  const spec = parseSpec(specText, specPath);
  if (options.backend !== undefined) checkBackend(spec, options.backend, specPath);
  const hash = specHash(spec);
  const plan = planSweep(spec);
  return { spec, specText, specHash: hash, plan, layout: layoutOf(spec, hash, plan) };
}

export function layoutOf(spec: SweepSpec, hash: string, plan: SweepPlan): StoreLayout {
  return {
    name: spec.name,
    specHash: hash,
    size: plan.size,
    shardCount: plan.shardCount,
    axes: axisColumns(plan.axes.map((a) => ({ name: a.name, kind: a.kind }))),
    statistics: keptStatistics(spec.keep.statistics),
    trajectoryPoints: spec.keep.trajectories,
    replicates: plan.replicates,
    ...(spec.keep.runs === false ? { keepRuns: false } : {}),
  };
}

/** A sweep's id on the wire: its name and the head of its spec hash (unique per spec; JetStream checks it is a subject token). */
export function sweepIdOf(name: string, hash: string): string {
  return `${name}-${hash.slice(0, 12)}`.slice(0, 64);
}

export async function runSweep(options: RunSweepOptions): Promise<SweepRunResult> {
  const began = performance.now();
  const log = options.logger;
  // Validate first: a bad spec must leave the output folder untouched.
  const loaded = typeof options.sweep === 'string' ? await loadSweep(options.sweep, { maxSpecBytes: options.maxSpecBytes, backend: options.backend }) : options.sweep;
  const outDir = options.outDir ?? join('results', loaded.spec.name);
  const store = await ResultStore.open({
    dir: outDir,
    layout: loaded.layout,
    specText: loaded.specText,
    specJson: JSON.stringify(loaded.spec),
    describeRange: (start, end) => loaded.plan.describeRange(start, end),
    fresh: options.fresh,
    resume: options.resume,
  });
  let attached: { close(): Promise<void> } | undefined;
  try {
    const done = DoneSet.fromRanges(await store.doneRanges());
    const counts = await store.counts();
    const meta = await store.meta();
    const backend = await chooseBackend(options.backend ?? loaded.spec.backend, meta[META_KEYS.backend], loaded.plan);
    if (meta[META_KEYS.backend] !== backend) await store.setMeta(META_KEYS.backend, backend);
    const sweepId = options.sweepId ?? sweepIdOf(loaded.spec.name, loaded.specHash);
    const total = loaded.plan.shardCount;
    let doneShards = counts.done;
    let doneRuns = counts.runs;
    // Shards failed in an earlier session are retried now; count only this session's failures.
    let failedShards = 0;
    const snapshot = (): ProgressSnapshot => ({
      totalShards: total,
      doneShards,
      failedShards,
      totalRuns: loaded.plan.size,
      doneRuns,
    });
    const progress =
      typeof options.progress === 'object' ? options.progress : createProgress(options.progress ?? 'auto');
    log?.info(
      { sweep: loaded.spec.name, specHash: loaded.specHash, outDir, shards: total, pending: total - done.size, backend },
      'sweep starting',
    );
    options.onStart?.({ sweepId, specHash: loaded.specHash, shards: total, runs: loaded.plan.size, doneShards, doneRuns });
    let dispatching = true;
    attached = await options.onStoreOpen?.({ store, outDir, loaded, snapshot, finished: () => !dispatching });
    progress.start(snapshot());
    const writer = new StoreWriter(store, options.writer);
    const observer = options.observer;
    const outcome = await coordinate({
      queues: options.queues,
      entry: { sweepId, specHash: loaded.specHash, spec: loaded.spec, specText: loaded.specText },
      plan: loaded.plan,
      layout: loaded.layout,
      done,
      writer,
      backend,
      maxInFlight: options.maxInFlight,
      logger: log,
      signal: options.signal,
      observer: {
        stored(shard, runs, lag) {
          doneShards++;
          doneRuns += runs;
          progress.update(snapshot());
          observer?.stored?.(shard, runs, lag);
        },
        failed(shard) {
          failedShards++;
          progress.update(snapshot());
          observer?.failed?.(shard);
        },
        inFlight: (n) => observer?.inFlight?.(n),
        protocolError: (worker, message) => observer?.protocolError?.(worker, message),
      },
    });
    dispatching = false;
    progress.stop(snapshot());
    const interrupted = !outcome.finished;
    const base = {
      outDir,
      specHash: loaded.specHash,
      name: loaded.spec.name,
      shards: { total, done: doneShards, failed: failedShards, computed: outcome.stored },
      runs: doneRuns,
      totalRuns: loaded.plan.size,
      points: loaded.plan.points,
      elapsedMs: 0,
      backend,
      protocolErrors: outcome.protocolErrors,
    };
    log?.info({ commits: writer.stats.commits, records: writer.stats.records }, 'store writer');
    if (interrupted) {
      log?.warn({ done: doneShards, total }, 'sweep interrupted');
      return { ...base, status: 'interrupted', elapsedMs: performance.now() - began, files: { db: ResultStore.path(outDir), runs: null, summary: null } };
    }
    await store.writeSummary().catch((error: unknown) => {
      throw new StoreWriteError('the summary table of', ResultStore.path(outDir), error);
    });
    // Checkpoint before exporting: "complete" means the store itself is on disk too.
    await store.checkpoint();
    const files = await store.exportFiles();
    log?.info({ ...base.shards, files }, 'sweep complete');
    return {
      ...base,
      status: 'complete',
      elapsedMs: performance.now() - began,
      files: { db: ResultStore.path(outDir), ...files },
    };
  } finally {
    await attached?.close();
    await store.close();
  }
}
