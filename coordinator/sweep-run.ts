/**
 * runSweep: the coordinator of one sweep, for any transport.
 *   spec file -> parse + validate (nothing written before this succeeds)
 *   -> open the store (refuses another spec's folder) -> shards not yet done
 *   -> dispatcher computes them -> each result stored as it arrives (awaited:
 *   back-pressure) -> summary table + runs.parquet + summary.csv.
 * Interrupting (signal) stops dispatching, lets results being stored finish and
 * closes the store; rerunning the same command resumes with the missing shards.
 * Rows depend only on their index, so a resumed sweep ends bit-identical to an
 * uninterrupted one.
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { BackendName } from '../model/backend.js';
import { checkBackend, parseSpec, planSweep, readSpecFile, SpecFileError, specHash, type SweepPlan, type SweepSpec } from '../sweep/index.js';
import type { ShardTask } from '../worker/shard.js';
import { axisColumns } from './columns.js';
import type { ShardDispatcher } from './dispatch.js';
import { createProgress, type ProgressMode, type ProgressReporter, type ProgressSnapshot } from './progress.js';
import { StoreWriteError } from './store-errors.js';
import { keptStatistics, ResultStore, type StoreLayout } from './store.js';

export interface RunSweepOptions {
  /** Path of the YAML spec. */
  specPath: string;
  /** Output folder. @default results/<spec name> */
  outDir?: string;
  dispatcher: ShardDispatcher;
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
  /** Aborting stops dispatching; the sweep returns `interrupted`. */
  signal?: AbortSignal;
  logger?: Logger;
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
  };
}

/** Tasks for every shard not in `done`, in shard order. */
export function pendingTasks(
  loaded: LoadedSweep,
  done: ReadonlySet<number>,
  backend: BackendName,
): ShardTask[] {
  const tasks: ShardTask[] = [];
  for (let shard = 0; shard < loaded.plan.shardCount; shard++) {
    if (done.has(shard)) continue;
    const { start, end } = loaded.plan.shardRange(shard);
    tasks.push({ spec: loaded.spec, specHash: loaded.specHash, shard, start, end, backend });
  }
  return tasks;
}

export async function runSweep(options: RunSweepOptions): Promise<SweepRunResult> {
  const began = performance.now();
  const log = options.logger;
  // Validate first: a bad spec must leave the output folder untouched.
  const loaded = await loadSweep(options.specPath, { maxSpecBytes: options.maxSpecBytes, backend: options.backend });
  const outDir = options.outDir ?? join('results', loaded.spec.name);
  const store = await ResultStore.open({
    dir: outDir,
    layout: loaded.layout,
    specText: loaded.specText,
    specJson: JSON.stringify(loaded.spec),
    describe: (index) => loaded.plan.describe(index),
    fresh: options.fresh,
    resume: options.resume,
  });
  try {
    const done = await store.doneShards();
    const backend = options.backend ?? loaded.spec.backend;
    const pending = pendingTasks(loaded, done, backend);
    const counts = await store.counts();
    let doneShards = counts.done;
    let doneRuns = counts.runs;
    // Shards failed in an earlier session are retried now; count only this session's failures.
    let failedShards = 0;
    let computed = 0;
    const snapshot = (): ProgressSnapshot => ({
      totalShards: loaded.plan.shardCount,
      doneShards,
      failedShards,
      totalRuns: loaded.plan.size,
      doneRuns,
    });
    const progress =
      typeof options.progress === 'object' ? options.progress : createProgress(options.progress ?? 'auto');
    log?.info(
      { sweep: loaded.spec.name, specHash: loaded.specHash, outDir, shards: loaded.plan.shardCount, pending: pending.length, backend },
      'sweep starting',
    );
    progress.start(snapshot());
    if (pending.length > 0 && options.signal?.aborted !== true) {
      await options.dispatcher.run(
        pending,
        {
          onResult: async (out, meta) => {
            const outcome = await store.writeShard(out, meta);
            if (outcome === 'stored') {
              doneShards++;
              computed++;
              doneRuns += out.end - out.start;
            }
            log?.debug({ shard: out.shard, outcome, worker: meta.worker, attempts: meta.attempts, ms: out.elapsedMs }, 'shard');
            progress.update(snapshot());
          },
          onFailure: async (task, error) => {
            await store.markFailed(task, error);
            failedShards++;
            log?.warn({ shard: task.shard, error }, 'shard failed');
            progress.update(snapshot());
          },
        },
        options.signal,
      );
    }
    progress.stop(snapshot());
    const total = loaded.plan.shardCount;
    const interrupted = options.signal?.aborted === true && doneShards + failedShards < total;
    const base = {
      outDir,
      specHash: loaded.specHash,
      name: loaded.spec.name,
      shards: { total, done: doneShards, failed: failedShards, computed },
      runs: doneRuns,
      totalRuns: loaded.plan.size,
      points: loaded.plan.points,
      elapsedMs: 0,
    };
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
    await store.close();
  }
}
