/**
 * The results store: one DuckDB file DIR/sweep.duckdb per sweep (CONTRACTS.md,
 * coordinator/store.ts). Tables:
 * - meta(key, value): spec YAML and normalised JSON, spec hash, layout, version;
 * - runs: idx, point, replicate, one column per axis, one per kept statistic (NaN -> NULL);
 * - trajectories(idx, k, time, acc, pi_opt) when the spec keeps them;
 * - shards: bookkeeping (done | failed), what resume reads;
 * - summary: aggregates per grid point (coordinator/summary.ts).
 * A shard's rows and its `done` mark are written in one transaction, and a
 * shard already done is ignored, so a crash or a redelivery never leaves a
 * partial or duplicated shard.
 */
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { STAT_NAMES, type StatName } from '../model/stats.js';
import type { ShardOutput } from '../worker/shard.js';
import { quoteIdent, quoteLiteral, STAT_SQL_TYPES, type AxisColumn } from './columns.js';
import { makeOutputFolder, StoreOpenError, StoreWriteError } from './store-errors.js';
import { querySummary, writeSummaryTable, type SummaryQuery } from './summary.js';

export const STORE_FILE = 'sweep.duckdb';
export const RUNS_EXPORT = 'runs.parquet';
export const SUMMARY_EXPORT = 'summary.csv';
/** Bumped when the table layout changes incompatibly. */
export const STORE_VERSION = '1';

/** What the store needs to know about a sweep; saved in `meta` so `summary DIR` works without the spec. */
export interface StoreLayout {
  readonly name: string;
  readonly specHash: string;
  /** N, runs in the sweep. */
  readonly size: number;
  readonly shardCount: number;
  readonly axes: readonly AxisColumn[];
  /** Statistics stored (keep.statistics), in STAT_NAMES order. */
  readonly statistics: readonly StatName[];
  /** K trajectory points kept per run; 0 = none. */
  readonly trajectoryPoints: number;
}

/** Where index i sits in the sweep: grid point, replicate and axis values (sweep/planSweep().describe). */
export type DescribeIndex = (index: number) => {
  point: number;
  replicate: number;
  axes: Record<string, number | string>;
};

export interface StoreOpenOptions {
  readonly dir: string;
  readonly layout: StoreLayout;
  /** The spec as the user wrote it, and normalised JSON. */
  readonly specText: string;
  readonly specJson: string;
  readonly describe: DescribeIndex;
  /** Delete this sweep's files in `dir` and start over. @default false */
  readonly fresh?: boolean;
  /** Require an existing store (nothing to resume is an error). @default false */
  readonly resume?: boolean;
}

abstract class StoreError extends Error {
  abstract readonly code: string;
}

export class StoreSpecMismatchError extends StoreError {
  override readonly name = 'StoreSpecMismatchError';
  readonly code = 'STORE_SPEC_MISMATCH';
  constructor(
    readonly dir: string,
    readonly storedHash: string,
    readonly specHash: string,
    storedName: string,
  ) {
    super(
      `${dir} holds results of another spec ('${storedName}', hash ${storedHash}); this spec has hash ${specHash}. ` +
        `Use another --out folder, or add --fresh to delete those results and start over.`,
    );
  }
}

export class StoreMissingError extends StoreError {
  override readonly name = 'StoreMissingError';
  readonly code = 'STORE_MISSING';
  constructor(readonly dir: string, why: string) {
    super(`${dir}: ${why}`);
  }
}

export class StoreBusyError extends StoreError {
  override readonly name = 'StoreBusyError';
  readonly code = 'STORE_BUSY';
  constructor(readonly path: string, options?: { cause?: unknown }) {
    super(`${path} is open in another process (is another 'patternsweep run' writing to this folder?)`, options);
  }
}

export class StoreAxisError extends StoreError {
  override readonly name = 'StoreAxisError';
  readonly code = 'STORE_AXIS';
  constructor(message: string) {
    super(message);
  }
}

export class StoreShardError extends StoreError {
  override readonly name = 'StoreShardError';
  readonly code = 'STORE_SHARD';
  constructor(message: string) {
    super(message);
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

function runsTableSql(layout: StoreLayout): string {
  const columns = [
    'idx BIGINT NOT NULL',
    'point BIGINT NOT NULL',
    'replicate INTEGER NOT NULL',
    ...layout.axes.map((a) => `${quoteIdent(a.column)} ${a.kind === 'enum' ? 'VARCHAR' : 'DOUBLE'}`),
    ...layout.statistics.map((s) => `${quoteIdent(s)} ${STAT_SQL_TYPES[s]}`),
  ];
  return `CREATE TABLE runs (${columns.join(', ')})`;
}

const SCHEMA = [
  'CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)',
  'CREATE TABLE trajectories (idx BIGINT NOT NULL, k INTEGER NOT NULL, time DOUBLE, acc DOUBLE, pi_opt DOUBLE)',
  `CREATE TABLE shards (shard INTEGER PRIMARY KEY, start_idx BIGINT NOT NULL, end_idx BIGINT NOT NULL,
     status VARCHAR NOT NULL, finished_at TIMESTAMP, worker VARCHAR, backend VARCHAR, elapsed_ms DOUBLE,
     attempts INTEGER, error VARCHAR)`,
];

function appendStat(appender: DuckDBAppender, stat: StatName, v: number): void {
  if (Number.isNaN(v)) {
    appender.appendNull();
    return;
  }
  switch (STAT_SQL_TYPES[stat]) {
    case 'DOUBLE':
      appender.appendDouble(v);
      return;
    case 'BOOLEAN':
      appender.appendBoolean(v !== 0);
      return;
    case 'INTEGER':
      if (Number.isFinite(v)) appender.appendInteger(Math.trunc(v));
      else appender.appendNull();
      return;
    case 'BIGINT':
      if (Number.isFinite(v)) appender.appendBigInt(BigInt(Math.trunc(v)));
      else appender.appendNull();
      return;
  }
}

export class ResultStore {
  readonly dir: string;
  readonly layout: StoreLayout;
  readonly #instance: DuckDBInstance;
  readonly #connection: DuckDBConnection;
  readonly #describe: DescribeIndex | null;
  // One DuckDB connection runs one transaction at a time: writes queue here.
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  private constructor(
    dir: string,
    layout: StoreLayout,
    instance: DuckDBInstance,
    connection: DuckDBConnection,
    describe: DescribeIndex | null,
  ) {
    this.dir = dir;
    this.layout = layout;
    this.#instance = instance;
    this.#connection = connection;
    this.#describe = describe;
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
    const { dir, layout } = options;
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
        if (meta.spec_hash !== layout.specHash) {
          throw new StoreSpecMismatchError(dir, meta.spec_hash ?? '(none)', layout.specHash, meta.name ?? '?');
        }
      } else {
        await connection.run('BEGIN TRANSACTION');
        for (const sql of [...SCHEMA, runsTableSql(layout)]) await connection.run(sql);
        const rows: [string, string][] = [
          ['name', layout.name],
          ['spec_hash', layout.specHash],
          ['spec_yaml', options.specText],
          ['spec_json', options.specJson],
          ['layout', JSON.stringify(layout)],
          ['version', STORE_VERSION],
          ['created_at', new Date().toISOString()],
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
    return new ResultStore(dir, layout, instance, connection, options.describe);
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
    const layout = JSON.parse(meta.layout ?? 'null') as StoreLayout | null;
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

  async meta(): Promise<Record<string, string>> {
    return this.#exclusive(() => readMeta(this.#connection));
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
      const done = new Set<number>();
      const existing = await c.runAndReadAll(
        `SELECT shard FROM shards WHERE status = 'done' AND shard IN (${shardIds.join(', ')})`,
      );
      for (const row of existing.getRows()) done.add(Number(row[0]));
      const outcomes: CommitOutcome[] = [];
      for (const record of batch) {
        const shard = shardOf(record);
        if (done.has(shard)) {
          outcomes.push('duplicate');
          continue;
        }
        await c.run(`DELETE FROM shards WHERE shard = ${shard}`);
        if (record.kind === 'result') {
          await this.#appendShard(c, record.out, record.meta);
          done.add(shard);
          outcomes.push('stored');
        } else {
          const { task, error } = record;
          await c.run(
            `INSERT INTO shards VALUES (${task.shard}, ${task.start}, ${task.end}, 'failed', current_localtimestamp(), ` +
              `${quoteLiteral(record.worker ?? '')}, NULL, NULL, ${error.attempts}, ${quoteLiteral(`${error.name}: ${error.message}`)})`,
          );
          outcomes.push('failed');
        }
      }
      await c.run('COMMIT');
      return outcomes;
    } catch (error) {
      await c.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  #checkShard(out: ShardOutput): void {
    if (this.#describe === null) throw new StoreShardError(`${this.dir}: store opened read-only; cannot write shard ${out.shard}`);
    const { start, end } = out;
    const n = end - start;
    if (!(start >= 0 && end <= this.layout.size && n > 0)) {
      throw new StoreShardError(`shard ${out.shard}: range [${start}, ${end}) is outside [0, ${this.layout.size})`);
    }
    for (const stat of this.layout.statistics) {
      if (out.columns[stat]?.length !== n) {
        throw new StoreShardError(`shard ${out.shard}: column ${stat} has ${out.columns[stat]?.length} values, expected ${n}`);
      }
    }
  }

  /** Appends one checked shard's rows and its `done` mark (inside the caller's transaction). */
  async #appendShard(c: DuckDBConnection, out: ShardOutput, meta: ShardWriteMeta): Promise<void> {
    const describe = this.#describe as DescribeIndex;
    const { start, end } = out;
    const n = end - start;
    const runs = await c.createAppender('runs');
    for (let i = 0; i < n; i++) {
      const idx = start + i;
      const where = describe(idx);
      runs.appendBigInt(BigInt(idx));
      runs.appendBigInt(BigInt(where.point));
      runs.appendInteger(where.replicate);
      for (const axis of this.layout.axes) {
        const v = where.axes[axis.path];
        if (v === undefined || (typeof v === 'number' && Number.isNaN(v))) runs.appendNull();
        else if (axis.kind === 'enum') runs.appendVarchar(String(v));
        else runs.appendDouble(Number(v));
      }
      for (const stat of this.layout.statistics) appendStat(runs, stat, out.columns[stat][i]);
      runs.endRow();
    }
    runs.closeSync();
    const tr = out.trajectory;
    if (tr !== null && this.layout.trajectoryPoints > 0) {
      const k = tr.points;
      const trajectories = await c.createAppender('trajectories');
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < k; j++) {
          const at = i * k + j;
          trajectories.appendBigInt(BigInt(start + i));
          trajectories.appendInteger(j);
          for (const v of [tr.time[at], tr.acc[at], tr.piOpt[at]]) {
            if (Number.isNaN(v)) trajectories.appendNull();
            else trajectories.appendDouble(v);
          }
          trajectories.endRow();
        }
      }
      trajectories.closeSync();
    }
    await c.run(
      `INSERT INTO shards VALUES (${out.shard}, ${start}, ${end}, 'done', current_localtimestamp(), ` +
        `${quoteLiteral(meta.worker)}, ${quoteLiteral(out.backend)}, ${Number.isFinite(out.elapsedMs) ? out.elapsedMs : 'NULL'}, ` +
        `${meta.attempts}, NULL)`,
    );
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

  /** Summary rows, per grid point or grouped by `by` axes. */
  summarize(by?: readonly string[]): Promise<Record<string, unknown>[]> {
    const q = this.summaryQuery(by);
    return this.#exclusive(() => querySummary(this.#connection, q));
  }

  /** Recomputes the `summary` table (per grid point). */
  writeSummary(): Promise<void> {
    const q = this.summaryQuery();
    return this.#exclusive(() => writeSummaryTable(this.#connection, q));
  }

  /**
   * Writes DIR/runs.parquet (rows by idx) and DIR/summary.csv; returns their
   * paths. Each is written to a temporary sibling and renamed over the target,
   * so a full disk leaves the previous file (or none), never half of one; a
   * failure is a StoreWriteError naming the file.
   */
  exportFiles(): Promise<{ runs: string; summary: string }> {
    return this.#exclusive(async () => {
      const runs = resolve(this.dir, RUNS_EXPORT);
      const summary = resolve(this.dir, SUMMARY_EXPORT);
      await this.#copyAtomic(`SELECT * FROM runs ORDER BY idx`, runs, 'FORMAT parquet, COMPRESSION zstd');
      await this.#copyAtomic(`SELECT * FROM summary`, summary, 'FORMAT csv, HEADER true');
      return { runs, summary };
    });
  }

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
