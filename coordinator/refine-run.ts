/**
 * runRefinement: the level driver of a spec with `refine:` (docs/spec.md
 * "refine"). Level 0 is the spec's grid, dispatched as the spec's ordinary
 * shards. After each level, per-grid-point aggregates are read back from the
 * store, sweep/refine.ts plans the next level, the ledger records it
 * (coordinator/refine-ledger.ts), and its points travel to workers in a
 * derived spec (`points`: the level's grid points, listed) as ordinary shards
 * through dispatchLevel: one pass of the coordinator loop per level over the
 * sweep's transport (local lanes or JetStream), group-committed. The index space is the concatenation of the levels:
 * level l's grid points follow level l - 1's, so every run has one global
 * index, point and seed.
 *
 * Resume: a rerun replays the levels from the store. Levels already planned
 * are read from the ledger (and must equal the replanned ones), only shards
 * not done are dispatched, and the next level is planned only when every
 * shard of the current one is stored. So points, indices, seeds and the final
 * tables do not depend on interruptions, threads or workers.
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import { planSweep, specHash, type SweepPlan, type SweepSpec } from '../sweep/index.js';
import {
  gridPointKey,
  latticePoint,
  level0Cells,
  level0Points,
  levelSpec,
  planNextLevel,
  refineLattice,
  refineWorstCase,
  type PointAggregate,
  type RefineCell,
  type RefineLattice,
  type RefinePoint,
} from '../sweep/refine.js';
import { chooseBackend } from './backend-choice.js';
import { dispatchLevel } from './refine-dispatch.js';
import { createLedger, readLevel, storeAggregates, recordLevel, RefineLedgerError, type LedgerPoint, type LevelRecord } from './refine-ledger.js';
import { createProgress, type ProgressSnapshot } from './progress.js';
import { META_KEYS } from './store-schema.js';
import { ResultStore } from './store.js';
import { layoutOf, loadSweep, runSweep, sweepIdOf, type LoadedSweep, type RunSweepOptions, type SweepRunResult } from './sweep-run.js';

export interface RefineLevelSummary {
  readonly level: number;
  readonly points: number;
  readonly runs: number;
  readonly cells: number;
  /** Cells of the previous level that disagreed / were split. */
  readonly flagged: number;
  readonly split: number;
}

export interface RefineRunResult extends SweepRunResult {
  /** Levels planned so far, in order. */
  readonly levels: readonly RefineLevelSummary[];
}

interface PlannedLevel {
  readonly record: LevelRecord;
  readonly spec: SweepSpec;
  readonly plan: SweepPlan;
}

function sameKeys(recorded: readonly LedgerPoint[], planned: readonly RefinePoint[]): boolean {
  return recorded.length === planned.length && recorded.every((p, i) => p.slice === planned[i].slice && p.coords.join(',') === planned[i].coords.join(','));
}

/** runSweep, or runRefinement for a spec with `refine:` (what `patternsweep run` calls in both modes). */
export async function runAnySweep(options: RunSweepOptions): Promise<SweepRunResult | RefineRunResult> {
  const loaded = typeof options.sweep === 'string' ? await loadSweep(options.sweep) : options.sweep;
  const call = { ...options, sweep: loaded };
  return loaded.spec.refine === undefined ? runSweep(call) : runRefinement(call);
}

export async function runRefinement(options: RunSweepOptions): Promise<RefineRunResult> {
  const began = performance.now();
  const log: Logger | undefined = options.logger;
  const loaded = typeof options.sweep === 'string' ? await loadSweep(options.sweep) : options.sweep;
  const spec = loaded.spec;
  const lattice: RefineLattice = refineLattice(spec);
  const worst = refineWorstCase(spec);
  const outDir = options.outDir ?? join('results', spec.name);
  const layout = { ...layoutOf(spec, loaded.specHash, loaded.plan), size: worst.maxRuns, shardCount: Math.ceil(worst.maxRuns / spec.shardSize) };
  // Levels in index order; the store asks which level a shard's range belongs to.
  const levels: PlannedLevel[] = [];
  const levelOf = (index: number): PlannedLevel => {
    const level = levels.find((l) => index >= l.plan.firstIndex && index < l.plan.size);
    if (level === undefined) throw new RefineLedgerError(`index ${index} belongs to no planned level`);
    return level;
  };
  const store = await ResultStore.open({
    dir: outDir,
    layout,
    specText: loaded.specText,
    specJson: JSON.stringify(spec),
    describeRange: (start, end) => levelOf(start).plan.describeRange(start, end),
    fresh: options.fresh,
    resume: options.resume,
  });
  const summaries: RefineLevelSummary[] = [];
  const progress = typeof options.progress === 'object' ? options.progress : createProgress(options.progress ?? 'auto');
  let attached: { close(): Promise<void> } | undefined;
  try {
    await store.withConnection((c) => createLedger(c, layout.axes));
    const meta = await store.meta();
    const backend = await chooseBackend(options.backend ?? spec.backend, meta[META_KEYS.backend], loaded.plan);
    if (meta[META_KEYS.backend] !== backend) await store.setMeta(META_KEYS.backend, backend);
    const counts = await store.counts();
    let totalShards = 0;
    let totalRuns = 0;
    let doneShards = counts.done;
    let doneRuns = counts.runs;
    let failedShards = 0;
    let computed = 0;
    let protocolErrors = 0;
    const snapshot = (): ProgressSnapshot => ({ totalShards, doneShards, failedShards, totalRuns, doneRuns });
    options.onStart?.({
      sweepId: options.sweepId ?? sweepIdOf(spec.name, loaded.specHash),
      specHash: loaded.specHash,
      shards: layout.shardCount,
      runs: layout.size,
      doneShards,
      doneRuns,
    });
    let dispatching = true;
    attached = await options.onStoreOpen?.({ store, outDir, loaded: { ...loaded, layout }, snapshot, finished: () => !dispatching });
    progress.start(snapshot());

    const aggregates = new Map<string, PointAggregate>();
    let cells: readonly RefineCell[] = level0Cells(lattice);
    let exhausted = false;
    let status: 'complete' | 'interrupted' = 'complete';
    const observer = options.observer;
    for (let level = 0; level <= lattice.refine.levels; level++) {
      const planned = await planLevel(store, lattice, loaded, levels, level, cells, aggregates, layout.axes);
      if (planned === null) break;
      levels.push(planned.level);
      cells = planned.cells;
      exhausted ||= planned.level.record.budgetExhausted;
      const r = planned.level.record;
      summaries.push({ level, points: r.points, runs: r.endIndex - r.firstIndex, cells: r.cells, flagged: r.flagged, split: r.split });
      totalShards += r.shards;
      totalRuns += r.endIndex - r.firstIndex;
      progress.update(snapshot());
      log?.info({ sweep: spec.name, level, points: r.points, shards: r.shards, specHash: r.specHash }, 'refinement level');
      const result = await dispatchLevel({
        queues: options.queues,
        store,
        spec: planned.level.spec,
        specHash: r.specHash,
        specText: level === 0 ? loaded.specText : '',
        plan: planned.level.plan,
        firstShard: r.firstShard,
        sweepId: sweepIdOf(spec.name, r.specHash),
        backend,
        maxInFlight: options.maxInFlight,
        writer: options.writer,
        logger: log,
        signal: options.signal,
        observer: {
          stored(shard, runs, lag) {
            doneShards++;
            computed++;
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
      protocolErrors += result.protocolErrors;
      log?.info({ sweep: spec.name, level, pending: result.pending, stored: result.stored, failed: result.failed }, 'refinement level dispatched');
      if (!result.finished) {
        status = 'interrupted';
        break;
      }
      // The next level reads every point of this one: with a failed shard, stop (a rerun retries it).
      // (Failures of earlier sessions in later levels are retried when the replay reaches them.)
      const failedHere = (await store.failedShards()).some((f) => f.shard >= r.firstShard && f.shard < r.firstShard + r.shards);
      if (result.failed > 0 || failedHere) break;
      const values = await store.withConnection((c) => storeAggregates(c, lattice.refine.quantity, r, loaded.plan.sampleCount));
      for (const p of planned.points) {
        const value = values.get(p.gridPoint);
        if (value === undefined) throw new RefineLedgerError(`level ${level}: grid point ${p.gridPoint} has no stored runs`);
        aggregates.set(p.key, { value });
      }
      if (exhausted || level === lattice.refine.levels) break;
    }
    dispatching = false;
    progress.stop(snapshot());
    const last = levels[levels.length - 1];
    const base = {
      outDir,
      specHash: loaded.specHash,
      name: spec.name,
      shards: { total: totalShards, done: doneShards, failed: failedShards, computed },
      runs: doneRuns,
      totalRuns,
      points: last === undefined ? 0 : last.record.firstPoint + last.record.points,
      levels: summaries,
      backend,
      protocolErrors,
    };
    if (status === 'interrupted') {
      return { ...base, status, elapsedMs: performance.now() - began, files: { db: ResultStore.path(outDir), runs: null, summary: null } };
    }
    await store.writeSummary();
    const files = await store.exportFiles();
    return { ...base, status, elapsedMs: performance.now() - began, files: { db: ResultStore.path(outDir), ...files } };
  } finally {
    await attached?.close();
    await store.close();
  }
}

interface LevelPlanning {
  readonly level: PlannedLevel;
  /** The level's new points with their grid point numbers. */
  readonly points: readonly (RefinePoint & { gridPoint: number })[];
  readonly cells: readonly RefineCell[];
}

/**
 * Plans level `level` (level 0: the grid as written) and records it in the
 * ledger, or reads it back if an earlier session recorded it. Null when there
 * is nothing left to refine.
 */
async function planLevel(
  store: ResultStore,
  lattice: RefineLattice,
  loaded: LoadedSweep,
  levels: readonly PlannedLevel[],
  level: number,
  cells: readonly RefineCell[],
  aggregates: ReadonlyMap<string, PointAggregate>,
  axes: ResultStore['layout']['axes'],
): Promise<LevelPlanning | null> {
  const recorded = await store.withConnection((c) => readLevel(c, level));
  const prev = levels[levels.length - 1];
  let points: RefinePoint[];
  let nextCells: readonly RefineCell[];
  let flagged = 0;
  let split = 0;
  let budgetExhausted = false;
  let spec: SweepSpec;
  let hash: string;
  const firstPoint = prev === undefined ? 0 : prev.record.firstPoint + prev.record.points;
  const firstShard = prev === undefined ? 0 : prev.record.firstShard + prev.record.shards;
  if (level === 0) {
    const n = level0Points(lattice);
    points = Array.from({ length: n }, (_, g) => {
      const key = gridPointKey(lattice, g);
      const [slice, coords] = key.split(':');
      return latticePoint(lattice, Number(slice), coords.split(',').map(Number));
    });
    nextCells = cells;
    spec = loaded.spec;
    hash = loaded.specHash;
  } else {
    const runsSpent = prev === undefined ? 0 : prev.record.endIndex;
    const next = planNextLevel({ lattice, cells, aggregates, runsSpent });
    if (next.points.length === 0 && recorded === null) return null;
    points = [...next.points];
    nextCells = next.cells;
    flagged = next.flagged;
    split = next.split;
    budgetExhausted = next.budgetExhausted;
    spec = levelSpec(loaded.spec, { first: firstPoint, firstShard, values: points.map((p) => p.values) });
    hash = specHash(spec);
  }
  const plan = level === 0 ? loaded.plan : planSweep(spec);
  const record: LevelRecord = {
    level,
    firstPoint,
    points: points.length,
    firstShard,
    shards: plan.shardCount,
    firstIndex: plan.firstIndex,
    endIndex: plan.size,
    specHash: hash,
    cells: nextCells.length,
    flagged,
    split,
    budgetExhausted,
  };
  const withNumbers = points.map((p, i) => ({ ...p, gridPoint: firstPoint + i }));
  if (recorded !== null) {
    const same =
      sameKeys(recorded.points, points) &&
      recorded.record.firstPoint === firstPoint &&
      recorded.record.firstShard === firstShard &&
      recorded.record.specHash === hash;
    if (!same) {
      throw new RefineLedgerError(
        `${store.dir}: level ${level} recorded in the store (${recorded.record.points} points, spec ${recorded.record.specHash.slice(0, 12)}) ` +
          `differs from the level planned from the stored results (${points.length} points, spec ${hash.slice(0, 12)}); rerun with --fresh`,
      );
    }
  } else {
    await store.withConnection((c) => recordLevel(c, axes, record, withNumbers));
  }
  return { level: { record, spec, plan }, points: withNumbers, cells: nextCells };
}
