/**
 * The results store: one DuckDB file DIR/sweep.duckdb per sweep; its tables,
 * file names and meta keys are defined in store-schema.ts (shared with the
 * readers). For a sweep with keep.runs: false, `summary` holds the only
 * results (runs stays empty): one row per point and statistic appended at
 * commit from the workers' aggregates.
 * A shard's rows and its `done` mark are written in one transaction, and a
 * shard already done is ignored, so a crash or a redelivery never leaves a
 * partial or duplicated shard. Rows go in as columns (coordinator/chunk-writer.ts):
 * the shards of one commit share DuckDB data chunks, axis columns come from
 * the plan in bulk (describeRange), and the `shards` bookkeeping is one
 * look-up, at most one DELETE and one INSERT per commit.
 */
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { STAT_NAMES, type StatName } from '../model/stats.js';
import { PatternsweepError } from '../errors/index.js';
import type { ShardOutput } from '../queue/index.js';
import { summaryRows } from '../sweep/point-aggregates.js';
import { ChunkWriter, type ChunkColumnType, type ColumnSource } from './chunk-writer.js';
import { quoteLiteral, STAT_SQL_TYPES, type AxisColumn } from './columns.js';
import { makeOutputFolder, StoreOpenError, StoreWriteError } from './store-errors.js';
import { appendSummaryRows, summaryTableSql, summaryWriter, TQuantiles, writePointSummary } from './point-summary.js';
import {
  META_KEYS,
  RUNS_EXPORT,
  runsTableSql,
  STORE_FILE,
  STORE_TABLES_SQL,
  STORE_VERSION,
  SUMMARY_EXPORT,
  type StoreLayout,
} from './store-schema.js';
import { querySummary, type SummaryQuery } from './summary.js';

export { RUNS_EXPORT, STORE_FILE, STORE_VERSION, SUMMARY_EXPORT } from './store-schema.js';
export type { StoreLayout } from './store-schema.js';

/** `layout` with `replicates` and `keepRuns` filled in from the normalised spec when the caller left them out. */
export function resolveLayout(layout: StoreLayout, specJson: string): StoreLayout {
  let spec: { replicates?: unknown; keep?: { runs?: unknown } } = {};
  try {
    spec = JSON.parse(specJson) as typeof spec;
  } catch {
    // Not a spec (synthetic stores in tests): nothing to fill in from.
  }
  const replicates = layout.replicates ?? (typeof spec.replicates === 'number' ? spec.replicates : undefined);
  const keepRuns = layout.keepRuns ?? (spec.keep?.runs === false ? false : undefined);
  return {
    ...layout,
    ...(replicates === undefined ? {} : { replicates }),
    ...(keepRuns === false ? { keepRuns: false } : {}),
  };
}

/** Where index i sits in the sweep: grid point, replicate and axis values (sweep/planSweep().describe). */
export type DescribeIndex = (index: number) => {
  point: number;
  replicate: number;
  axes: Record<string, number | string>;
};

/**
 * Where every index of [start, end) sits, as columns (row i = index start + i);
 * `axes` in `StoreLayout.axes` order, numbers for numeric axes and strings for
 * enum axes (sweep/planSweep().describeRange).
 */
export interface IndexColumns {
  readonly point: Float64Array;
  readonly replicate: Float64Array;
  readonly axes: readonly (Float64Array | readonly (string | null | undefined)[])[];
}

export type DescribeRange = (start: number, end: number) => IndexColumns;

/** Columns of a range from a per-index `describe` (the slow path, for callers that have no describeRange). */
export function describeRangeOf(describe: DescribeIndex, axes: readonly AxisColumn[]): DescribeRange {
  return (start, end) => {
    const n = end - start;
    const point = new Float64Array(n);
    const replicate = new Float64Array(n);
    const columns = axes.map((a) => (a.kind === 'enum' ? new Array<string | null>(n) : new Float64Array(n)));
    for (let i = 0; i < n; i++) {
      const where = describe(start + i);
      point[i] = where.point;
      replicate[i] = where.replicate;
      axes.forEach((a, k) => {
        const v = where.axes[a.path];
        if (a.kind === 'enum') (columns[k] as (string | null)[])[i] = v === undefined ? null : String(v);
        else (columns[k] as Float64Array)[i] = v === undefined ? Number.NaN : Number(v);
      });
    }
    return { point, replicate, axes: columns };
  };
}

export interface StoreOpenOptions {
  readonly dir: string;
  readonly layout: StoreLayout;
  /** The spec as the user wrote it, and normalised JSON. */
  readonly specText: string;
  readonly specJson: string;
  /** Axis columns of a shard in bulk (sweep/ plan.describeRange); preferred over `describe`. */
  readonly describeRange?: DescribeRange;
  /** Per index (sweep/ plan.describe); used only when `describeRange` is not given. */
  readonly describe?: DescribeIndex;
  /** Delete this sweep's files in `dir` and start over. @default false */
  readonly fresh?: boolean;
  /** Require an existing store (nothing to resume is an error). @default false */
  readonly resume?: boolean;
}

/** Errors about the output folder: written for the user (no stack), and not retryable. */
abstract class StoreError extends PatternsweepError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, { ...options, userFacing: true });
  }
}

export class StoreSpecMismatchError extends StoreError {
  override readonly name = 'StoreSpecMismatchError';
  constructor(
    readonly dir: string,
    readonly storedHash: string,
    readonly specHash: string,
    storedName: string,
  ) {
    super(
      'STORE_SPEC_MISMATCH',
      `${dir} holds results of another spec ('${storedName}', hash ${storedHash}); this spec has hash ${specHash}. ` +
        `Use another --out folder, or add --fresh to delete those results and start over.`,
    );
  }
}

export class StoreMissingError extends StoreError {
  override readonly name = 'StoreMissingError';
  constructor(readonly dir: string, why: string) {
    super('STORE_MISSING', `${dir}: ${why}`);
  }
}

export class StoreBusyError extends StoreError {
  override readonly name = 'StoreBusyError';
  constructor(readonly path: string, options?: { cause?: unknown }) {
    super('STORE_BUSY', `${path} is open in another process (is another 'patternsweep run' writing to this folder?)`, options);
  }
}

export class StoreAxisError extends StoreError {
  override readonly name = 'StoreAxisError';
  constructor(message: string) {
    super('STORE_AXIS', message);
  }
}

/** A shard that does not fit the store's layout: a bug or a forged result, never the user's doing. */
export class StoreShardError extends PatternsweepError {
  override readonly name = 'StoreShardError';
  constructor(message: string) {
    super('STORE_SHARD', message);
  }
}

export type ShardWriteOutcome = 'stored' | 'duplicate';

/** One entry of a group commit: a shard's result, or its final failure. */
export type ShardRecord =
  | { readonly kind: 'result'; readonly out: ShardOutput; readonly meta: ShardWriteMeta }
  | {
      readonly kind: 'failure';
      readonly task: { readonly shard: number; readonly start: number; readonly end: number };
      readonly error: { readonly name: string; readonly message: string; readonly attempts: number };
      readonly worker?: string;
    };

/** Per record: 'stored' (result written), 'failed' (failure recorded), 'duplicate' (shard already done: left alone). */
export type CommitOutcome = ShardWriteOutcome | 'failed';

function shardOf(record: ShardRecord): number {
  return record.kind === 'result' ? record.out.shard : record.task.shard;
}

export interface ShardWriteMeta {
  readonly worker: string;
  readonly attempts: number;
}

export interface ShardCounts {
  readonly done: number;
  readonly failed: number;
  /** Runs stored. */
  readonly runs: number;
}

export interface FailedShard {
  readonly shard: number;
  readonly start: number;
  readonly end: number;
  readonly attempts: number;
  readonly error: string;
}

async function openInstance(path: string, readOnly: boolean): Promise<DuckDBInstance> {
  try {
    return await DuckDBInstance.create(path, readOnly ? { access_mode: 'READ_ONLY' } : {});
  } catch (error) {
    if (error instanceof Error && /lock/i.test(error.message)) throw new StoreBusyError(path, { cause: error });
    throw new StoreOpenError(path, error);
  }
}


/** Column types of `runs`, in table order. */
function runsColumnTypes(layout: StoreLayout): ChunkColumnType[] {
  return [
    'BIGINT',
    'BIGINT',
    'INTEGER',
    ...layout.axes.map((a): ChunkColumnType => (a.kind === 'enum' ? 'VARCHAR' : 'DOUBLE')),
    ...layout.statistics.map((stat) => STAT_SQL_TYPES[stat]),
  ];
}

const TRAJECTORY_COLUMN_TYPES: readonly ChunkColumnType[] = ['BIGINT', 'INTEGER', 'DOUBLE', 'DOUBLE', 'DOUBLE'];

/** A `shards` row as SQL VALUES (finished_at: the transaction's time). */
function shardRowSql(
  shard: number,
  start: number,
  end: number,
  status: 'done' | 'failed',
  worker: string,
  backend: string | null,
  elapsedMs: number,
  attempts: number,
  error: string | null,
): string {
  return (
    `(${shard}, ${start}, ${end}, '${status}', current_localtimestamp(), ${quoteLiteral(worker)}, ` +
    `${backend === null ? 'NULL' : quoteLiteral(backend)}, ${Number.isFinite(elapsedMs) ? elapsedMs : 'NULL'}, ` +
    `${attempts}, ${error === null ? 'NULL' : quoteLiteral(error)})`
  );
}

export class ResultStore {
  readonly dir: string;
  readonly layout: StoreLayout;
  readonly #instance: DuckDBInstance;
  readonly #connection: DuckDBConnection;
  readonly #describeRange: DescribeRange | null;
  readonly #tQuantiles = new TQuantiles();
  // One chunk writer per table, its staging buffers reused by every commit.
  readonly #writers = new Map<string, ChunkWriter>();
  // One DuckDB connection runs one transaction at a time: writes queue here.
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  private constructor(
    dir: string,
    layout: StoreLayout,
    instance: DuckDBInstance,
    connection: DuckDBConnection,
    describeRange: DescribeRange | null,
  ) {
    this.dir = dir;
    this.layout = layout;
    this.#instance = instance;
    this.#connection = connection;
    this.#describeRange = describeRange;
  }

  static path(dir: string): string {
    return join(dir, STORE_FILE);
  }

  /** Deletes this sweep's files in `dir` (not the folder, not other files such as a report). */
  static async remove(dir: string): Promise<void> {
    for (const file of [STORE_FILE, `${STORE_FILE}.wal`, RUNS_EXPORT, SUMMARY_EXPORT]) {
      await rm(join(dir, file), { force: true });
    }
  }

  /** Opens (or creates) the store of a sweep for writing; refuses a folder that holds another spec. */
  static async open(options: StoreOpenOptions): Promise<ResultStore> {
    const { dir } = options;
    const layout = resolveLayout(options.layout, options.specJson);
    const path = ResultStore.path(dir);
    if (options.fresh === true) await ResultStore.remove(dir);
    const exists = existsSync(path);
    if (!exists && options.resume === true) {
      throw new StoreMissingError(dir, `--resume: no sweep to resume here (${STORE_FILE} not found); drop --resume to start one`);
    }
    await makeOutputFolder(dir);
    const instance = await openInstance(path, false);
    const connection = await instance.connect();
    try {
      const tables = await connection.runAndReadAll(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_name = 'meta'`,
      );
      if (tables.getRows().length > 0) {
        const meta = await readMeta(connection);
        if (meta[META_KEYS.specHash] !== layout.specHash) {
          throw new StoreSpecMismatchError(dir, meta[META_KEYS.specHash] ?? '(none)', layout.specHash, meta[META_KEYS.name] ?? '?');
        }
      } else {
        await connection.run('BEGIN TRANSACTION');
        const tables = [...STORE_TABLES_SQL, runsTableSql(layout)];
        if (layout.keepRuns === false) tables.push(summaryTableSql(layout.axes));
        for (const sql of tables) await connection.run(sql);
        const rows: [string, string][] = [
          [META_KEYS.name, layout.name],
          [META_KEYS.specHash, layout.specHash],
          [META_KEYS.specYaml, options.specText],
          [META_KEYS.specJson, options.specJson],
          [META_KEYS.layout, JSON.stringify(layout)],
          [META_KEYS.version, STORE_VERSION],
          [META_KEYS.createdAt, new Date().toISOString()],
        ];
        await connection.run(
          `INSERT INTO meta VALUES ${rows.map(([k, v]) => `(${quoteLiteral(k)}, ${quoteLiteral(v)})`).join(', ')}`,
        );
        await connection.run('COMMIT');
      }
    } catch (error) {
      connection.closeSync();
      instance.closeSync();
      throw error;
    }
    const describeRange =
      options.describeRange ?? (options.describe === undefined ? null : describeRangeOf(options.describe, layout.axes));
    return new ResultStore(dir, layout, instance, connection, describeRange);
  }

  /** Opens an existing store to read it (`patternsweep summary DIR`), layout from its `meta`. */
  static async openExisting(dir: string, { readOnly = true }: { readOnly?: boolean } = {}): Promise<ResultStore> {
    const path = ResultStore.path(dir);
    if (!existsSync(path)) {
      throw new StoreMissingError(dir, `no sweep results here (${STORE_FILE} not found); run 'patternsweep run SPEC --out ${dir}' first`);
    }
    const instance = await openInstance(path, readOnly);
    const connection = await instance.connect();
    const meta = await readMeta(connection);
    const layout = JSON.parse(meta[META_KEYS.layout] ?? 'null') as StoreLayout | null;
    if (layout === null) {
      connection.closeSync();
      instance.closeSync();
      throw new StoreMissingError(dir, `${STORE_FILE} has no sweep layout in its meta table`);
    }
    return new ResultStore(dir, layout, instance, connection, null);
  }

  /** The underlying connection, for read queries (report, tests). Do not write through it. */
  get connection(): DuckDBConnection {
    return this.#connection;
  }

  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(fn, fn);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Runs `fn` on the connection in the store's write queue (between shard
   * commits, never inside one): for tables kept beside `runs` by other
   * modules, e.g. the refinement ledger (coordinator/refine-ledger.ts).
   */
  withConnection<T>(fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.#exclusive(() => fn(this.#connection));
  }

  async meta(): Promise<Record<string, string>> {
    return this.#exclusive(() => readMeta(this.#connection));
  }

  /** Sets one `meta` entry (e.g. META_KEYS.backend). */
  async setMeta(key: string, value: string): Promise<void> {
    await this.#exclusive(() => this.#connection.run(`INSERT OR REPLACE INTO meta VALUES (${quoteLiteral(key)}, ${quoteLiteral(value)})`));
  }

  /**
   * Done shards as inclusive ranges [first, last] in shard order (gaps and
   * islands in SQL): what resume needs, in memory proportional to the gaps,
   * not to the shards.
   */
  async doneRanges(): Promise<[number, number][]> {
    return this.#exclusive(async () => {
      const r = await this.#connection.runAndReadAll(
        `SELECT min(shard), max(shard) FROM (SELECT shard, shard - row_number() OVER (ORDER BY shard) AS island
           FROM shards WHERE status = 'done') GROUP BY island ORDER BY 1`,
      );
      return r.getRows().map(([lo, hi]) => [Number(lo), Number(hi)] as [number, number]);
    });
  }

  async doneShards(): Promise<Set<number>> {
    return this.#exclusive(async () => {
      const r = await this.#connection.runAndReadAll(`SELECT shard FROM shards WHERE status = 'done'`);
      return new Set(r.getRows().map((row) => Number(row[0])));
    });
  }

  async counts(): Promise<ShardCounts> {
    return this.#exclusive(async () => {
      const r = await this.#connection.runAndReadAll(
        `SELECT count(*) FILTER (WHERE status = 'done'), count(*) FILTER (WHERE status = 'failed'),
                coalesce(sum(end_idx - start_idx) FILTER (WHERE status = 'done'), 0) FROM shards`,
      );
      const [done, failed, runs] = r.getRows()[0];
      return { done: Number(done), failed: Number(failed), runs: Number(runs) };
    });
  }

  async failedShards(): Promise<FailedShard[]> {
    return this.#exclusive(async () => {
      const r = await this.#connection.runAndReadAll(
        `SELECT shard, start_idx, end_idx, attempts, error FROM shards WHERE status = 'failed' ORDER BY shard`,
      );
      return r.getRows().map(([shard, start, end, attempts, error]) => ({
        shard: Number(shard),
        start: Number(start),
        end: Number(end),
        attempts: Number(attempts),
        error: String(error),
      }));
    });
  }

  /**
   * Stores a shard's runs (and trajectories) and marks it done, in one
   * transaction. A shard already done is left alone ('duplicate').
   */
  async writeShard(out: ShardOutput, meta: ShardWriteMeta): Promise<ShardWriteOutcome> {
    const [outcome] = await this.commit([{ kind: 'result', out, meta }]);
    return outcome as ShardWriteOutcome;
  }

  /** Records a shard as failed (a later run retries it); ignored if it is already done. */
  async markFailed(
    task: { shard: number; start: number; end: number },
    error: { name: string; message: string; attempts: number },
    worker = '',
  ): Promise<void> {
    await this.commit([{ kind: 'failure', task, error, worker }]);
  }

  /**
   * Group commit: every record of the batch (results and failures, as they
   * arrived) in ONE transaction. A result's rows and its `done` mark commit
   * together; a shard already done (in the store, or earlier in this batch)
   * is left alone ('duplicate'), so redelivery never duplicates rows. Either
   * the whole batch commits or none of it does: callers acknowledge a batch's
   * messages only after this resolves.
   */
  commit(batch: readonly ShardRecord[]): Promise<CommitOutcome[]> {
    return this.#exclusive(() => this.#commit(batch));
  }

  async #commit(batch: readonly ShardRecord[]): Promise<CommitOutcome[]> {
    if (batch.length === 0) return [];
    for (const record of batch) if (record.kind === 'result') this.#checkShard(record.out);
    const c = this.#connection;
    await c.run('BEGIN TRANSACTION');
    try {
      const shardIds = [...new Set(batch.map(shardOf))];
      // One look-up for the batch: done shards are left alone, failed ones replaced.
      const done = new Set<number>();
      const failed = new Set<number>();
      const existing = await c.runAndReadAll(`SELECT shard, status FROM shards WHERE shard IN (${shardIds.join(', ')})`);
      for (const [shard, status] of existing.getRows()) (status === 'done' ? done : failed).add(Number(shard));
      // Outcomes in batch order; per shard only its last `shards` row counts
      // (a failure then a success of one shard leaves it done), written with
      // one DELETE and one INSERT for the whole batch.
      const outcomes: CommitOutcome[] = [];
      const shardRows = new Map<number, string>();
      const stored: ShardOutput[] = [];
      for (const record of batch) {
        const shard = shardOf(record);
        if (done.has(shard)) {
          outcomes.push('duplicate');
          continue;
        }
        if (record.kind === 'result') {
          const { out, meta } = record;
          stored.push(out);
          done.add(shard);
          shardRows.set(shard, shardRowSql(shard, out.start, out.end, 'done', meta.worker, out.backend, out.elapsedMs, meta.attempts, null));
          outcomes.push('stored');
        } else {
          const { task, error } = record;
          shardRows.set(
            shard,
            shardRowSql(shard, task.start, task.end, 'failed', record.worker ?? '', null, Number.NaN, error.attempts, `${error.name}: ${error.message}`),
          );
          outcomes.push('failed');
        }
      }
      if (stored.length > 0) {
        if (this.layout.keepRuns === false) await this.#appendPointSummaries(c, stored);
        else await this.#appendRuns(c, stored);
      }
      if (shardRows.size > 0) {
        const replaced = [...shardRows.keys()].filter((k) => failed.has(k));
        if (replaced.length > 0) await c.run(`DELETE FROM shards WHERE shard IN (${replaced.join(', ')})`);
        await c.run(`INSERT INTO shards VALUES ${[...shardRows.values()].join(', ')}`);
      }
      await c.run('COMMIT');
      return outcomes;
    } catch (error) {
      await c.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  #checkShard(out: ShardOutput): void {
    if (this.#describeRange === null) throw new StoreShardError(`${this.dir}: store opened read-only; cannot write shard ${out.shard}`);
    const { start, end } = out;
    const n = end - start;
    if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && end <= this.layout.size && n > 0)) {
      throw new StoreShardError(`shard ${out.shard}: range [${start}, ${end}) is outside [0, ${this.layout.size})`);
    }
    if (this.layout.keepRuns === false) {
      this.#checkPoints(out);
      return;
    }
    if (out.points !== undefined) {
      throw new StoreShardError(`shard ${out.shard}: carries point aggregates, but this sweep keeps its runs (keep.runs is not false)`);
    }
    for (const stat of this.layout.statistics) {
      if (out.columns[stat]?.length !== n) {
        throw new StoreShardError(`shard ${out.shard}: column ${stat} has ${out.columns[stat]?.length} values, expected ${n}`);
      }
    }
    const tr = out.trajectory;
    if (tr !== null && this.layout.trajectoryPoints > 0) {
      for (const [name, values] of [['time', tr.time], ['acc', tr.acc], ['piOpt', tr.piOpt]] as const) {
        if (values.length !== n * tr.points) {
          throw new StoreShardError(`shard ${out.shard}: trajectory ${name} has ${values.length} values, expected ${n} x ${tr.points}`);
        }
      }
    }
  }

  /** The writer of `table`, begun with a fresh appender (inside the caller's transaction). */
  async #writer(c: DuckDBConnection, table: string, create: () => ChunkWriter): Promise<ChunkWriter> {
    let writer = this.#writers.get(table);
    if (writer === undefined) {
      writer = create();
      this.#writers.set(table, writer);
    }
    return writer.begin(await c.createAppender(table));
  }

  /** keep.runs: false: a shard's point aggregates cover exactly its points, with this sweep's summary rows. */
  #checkPoints(out: ShardOutput): void {
    const points = out.points;
    const replicates = this.layout.replicates;
    if (points === undefined) {
      throw new StoreShardError(
        `shard ${out.shard}: no point aggregates, but this sweep keeps no runs (keep.runs: false); ` +
          `its workers must run a version that aggregates points`,
      );
    }
    if (replicates === undefined) throw new StoreShardError(`${this.dir}: keep.runs: false needs the sweep's replicates in its layout`);
    const want = summaryRows(this.layout.statistics).map((r) => r.name);
    const got = points.rows.map((r) => r.name);
    if (got.join(',') !== want.join(',')) {
      throw new StoreShardError(`shard ${out.shard}: point aggregates of [${got.join(', ')}], expected [${want.join(', ')}]`);
    }
    const count = (out.end - out.start) / replicates;
    const first = out.start / replicates;
    const size = count * want.length;
    const lengths = [points.runs, points.count, points.censored, points.mean, points.std, points.median, points.p10, points.p90];
    if (points.point.length !== count || points.point[0] !== first || points.point[count - 1] !== first + count - 1 || lengths.some((a) => a.length !== size)) {
      throw new StoreShardError(`shard ${out.shard}: point aggregates do not cover points ${first}..${first + count - 1} of [${out.start}, ${out.end})`);
    }
  }

  /** keep.runs: false: appends the summary rows of checked shards' point aggregates (inside the caller's transaction). */
  async #appendPointSummaries(c: DuckDBConnection, outs: readonly ShardOutput[]): Promise<void> {
    const describeRange = this.#describeRange as DescribeRange;
    const writer = await this.#writer(c, 'summary', () => summaryWriter(this.layout.axes));
    try {
      for (const out of outs) {
        const points = out.points!;
        const where = describeRange(out.start, out.end);
        const axes = where.axes.map((column) =>
          column instanceof Float64Array ? points.firstRow.map((row) => column[row]) : Array.from(points.firstRow, (row) => column[row]),
        );
        appendSummaryRows(writer, points, axes, this.#tQuantiles);
      }
      writer.close();
    } catch (error) {
      writer.discard();
      throw error;
    }
  }

  /**
   * Appends the rows (and trajectories) of checked shards, as data chunks
   * shared by all of them (inside the caller's transaction).
   */
  async #appendRuns(c: DuckDBConnection, outs: readonly ShardOutput[]): Promise<void> {
    const describeRange = this.#describeRange as DescribeRange;
    const { axes, statistics } = this.layout;
    const runs = await this.#writer(c, 'runs', () => new ChunkWriter(runsColumnTypes(this.layout)));
    try {
      for (const out of outs) {
        const where = describeRange(out.start, out.end);
        const sources: ColumnSource[] = [
          { kind: 'sequence', first: out.start, every: 1 },
          { kind: 'values', values: where.point },
          { kind: 'values', values: where.replicate },
          ...axes.map((a, k): ColumnSource => {
            const column = where.axes[k];
            return column instanceof Float64Array ? { kind: 'values', values: column } : { kind: 'strings', values: column };
          }),
          ...statistics.map((stat): ColumnSource => ({ kind: 'values', values: out.columns[stat] })),
        ];
        runs.append(out.end - out.start, sources);
      }
      runs.close();
    } catch (error) {
      runs.discard();
      throw error;
    }
    const withTrajectories = this.layout.trajectoryPoints > 0 ? outs.filter((o) => o.trajectory !== null) : [];
    if (withTrajectories.length === 0) return;
    const trajectories = await this.#writer(c, 'trajectories', () => new ChunkWriter(TRAJECTORY_COLUMN_TYPES));
    try {
      for (const out of withTrajectories) {
        const tr = out.trajectory!;
        trajectories.append((out.end - out.start) * tr.points, [
          { kind: 'sequence', first: out.start, every: tr.points },
          { kind: 'repeat', period: tr.points },
          { kind: 'values', values: tr.time },
          { kind: 'values', values: tr.acc },
          { kind: 'values', values: tr.piOpt },
        ]);
      }
      trajectories.close();
    } catch (error) {
      trajectories.discard();
      throw error;
    }
  }

  /** Resolves `--by` names (spec paths or column names) to axis columns; unknown names are an error. */
  resolveAxes(names: readonly string[]): string[] {
    return names.map((name) => {
      const axis = this.layout.axes.find((a) => a.path === name || a.column === name);
      if (axis === undefined) {
        const known = this.layout.axes.map((a) => a.path);
        throw new StoreAxisError(
          `--by: '${name}' is not an axis of sweep '${this.layout.name}'; axes: ${known.length > 0 ? known.join(', ') : '(none)'}`,
        );
      }
      return axis.column;
    });
  }

  /** Keys of the per-point summary: the point and every axis value. */
  pointKeys(): string[] {
    return ['point', ...this.layout.axes.map((a) => a.column)];
  }

  summaryQuery(by?: readonly string[]): SummaryQuery {
    return {
      keys: by === undefined ? this.pointKeys() : this.resolveAxes(by),
      statistics: this.layout.statistics,
    };
  }

  /**
   * Summary rows, per grid point or grouped by `by` axes. Per grid point they
   * come from the `summary` table when the sweep finished; `--by` groups are
   * aggregated from the runs (a sweep with keep.runs: false has none).
   */
  summarize(by?: readonly string[]): Promise<Record<string, unknown>[]> {
    const q = this.summaryQuery(by);
    return this.#exclusive(async () => {
      const c = this.#connection;
      if (by === undefined) {
        if (await hasTable(c, 'summary')) return (await c.runAndReadAll(SUMMARY_IN_ORDER)).getRowObjectsJS();
      } else if (this.layout.keepRuns === false) {
        throw new StoreAxisError(
          `--by: sweep '${this.layout.name}' keeps no runs (keep.runs: false), only its per-point summary; ` +
            `group the summary table yourself, or rerun with keep.runs: true`,
        );
      }
      return querySummary(c, q);
    }) as Promise<Record<string, unknown>[]>;
  }

  /**
   * Recomputes the `summary` table (per grid point) from the runs, or from
   * the workers' point aggregates when the sweep keeps no runs
   * (coordinator/point-summary.ts).
   */
  writeSummary(): Promise<void> {
    return this.#exclusive(async () => {
      const c = this.#connection;
      if (this.layout.keepRuns === false) {
        // Rows were appended at commit, in the order shards arrived: put them in point order.
        await c.run(`CREATE OR REPLACE TABLE summary AS ${SUMMARY_IN_ORDER}`);
        return;
      }
      const replicates = this.layout.replicates ?? (await storedReplicates(c));
      const { size, axes, statistics } = this.layout;
      await writePointSummary(c, { size, replicates, axes, statistics });
    });
  }

  /** Writes DIR/runs.parquet (rows by idx; not when the sweep keeps no runs) and DIR/summary.csv; returns their paths. */
  exportFiles(): Promise<{ runs: string | null; summary: string }> {
    return this.#exclusive(async () => {
      const runs = this.layout.keepRuns === false ? null : resolve(this.dir, RUNS_EXPORT);
      const summary = resolve(this.dir, SUMMARY_EXPORT);
      if (runs !== null) await this.#copyAtomic(`SELECT * FROM runs ORDER BY idx`, runs, 'FORMAT parquet, COMPRESSION zstd');
      await this.#copyAtomic(`SELECT * FROM summary`, summary, 'FORMAT csv, HEADER true');
      return { runs, summary };
    });
  }

  // ---- read side for the dashboard (coordinator/dashboard/) --------------------------------
  /**
   * A new connection on this store's DuckDB instance, for reads that run
   * while shards are being written (the file lock keeps other processes out,
   * so the live dashboard and its API read through here). Never write through
   * it; close it before the store.
   */
  readConnection(): Promise<DuckDBConnection> {
    if (this.#closed) throw new StoreShardError(`${this.dir}: store is closed`);
    return this.#instance.connect();
  }
  // ---- end of the dashboard's read side ------------------------------------------------------

  async #copyAtomic(query: string, target: string, format: string): Promise<void> {
    const tmp = temporarySibling(target);
    try {
      await this.#connection.run(`COPY (${query}) TO ${quoteLiteral(tmp)} (${format})`);
      await rename(tmp, target);
    } catch (error) {
      await rm(tmp, { force: true });
      throw new StoreWriteError('the export', target, error);
    }
  }

  /**
   * Moves the WAL into the database file now, so a full disk fails the run
   * here (closing would checkpoint too, but DuckDB's close cannot report it).
   */
  checkpoint(): Promise<void> {
    return this.#exclusive(async () => {
      try {
        await this.#connection.run('CHECKPOINT');
      } catch (error) {
        throw new StoreWriteError('the checkpoint of', ResultStore.path(this.dir), error);
      }
    });
  }

  /** Waits for queued writes, then closes (checkpointing the WAL). Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#queue;
    this.#connection.closeSync();
    this.#instance.closeSync();
  }
}

const STAT_ORDER = summaryRows(STAT_NAMES).map((r) => r.name);

/** The summary rows by point, then statistic in summary order (the order writePointSummary appends them in). */
const SUMMARY_IN_ORDER = `SELECT * FROM summary ORDER BY point, array_position([${STAT_ORDER.map((n) => quoteLiteral(n)).join(', ')}], statistic)`;

async function hasTable(c: DuckDBConnection, name: string): Promise<boolean> {
  const r = await c.runAndReadAll(
    `SELECT 1 FROM information_schema.tables WHERE table_schema = 'main' AND table_name = ${quoteLiteral(name)}`,
  );
  return r.getRows().length > 0;
}

/** Replicates per point of a store whose layout does not record them (written before it did). */
async function storedReplicates(c: DuckDBConnection): Promise<number> {
  const r = await c.runAndReadAll('SELECT coalesce(max(replicate), 0) + 1 FROM runs');
  return Number(r.getRows()[0][0]);
}

/** `.runs.parquet.<pid>.<random>.tmp` next to `path`: same file system, so the rename is atomic. */
function temporarySibling(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

async function readMeta(connection: DuckDBConnection): Promise<Record<string, string>> {
  const r = await connection.runAndReadAll('SELECT key, value FROM meta');
  return Object.fromEntries(r.getRows().map(([k, v]) => [String(k), String(v)]));
}

/** Keeps STAT_NAMES order for a `keep.statistics` list ('all' keeps every one). */
export function keptStatistics(keep: 'all' | readonly string[] | undefined): StatName[] {
  if (keep === undefined || keep === 'all') return [...STAT_NAMES];
  const wanted = new Set(keep);
  return STAT_NAMES.filter((s) => wanted.has(s));
}
