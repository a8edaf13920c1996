/**
 * Read-only access to a sweep's results store, DIR/sweep.duckdb
 * (coordinator/store.ts). The report never loads the runs table into memory:
 * every figure asks DuckDB for an aggregate, so a sweep of 10^8 runs reports
 * as fast as the store scans.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { parse as parseYaml } from 'yaml';
import { STAT_NAMES } from '../model/stats.js';
import { ReportError } from './errors.js';

/** Every report query reads this view of `runs` (see #createRunsView). */
export const RUNS_VIEW = 'report_runs';

/** Columns of `runs` that are neither axes nor statistics. */
const INDEX_COLUMNS = new Set(['idx', 'point', 'replicate']);

/** One sweep axis as stored: a `runs` column plus what the report needs to plot it. */
export interface AxisColumn {
  /** Column name in `runs`. */
  readonly column: string;
  /** Dotted spec path (e.g. `model.initialPattern.gamma`), or the column name if no spec key matches. */
  readonly path: string;
  readonly kind: 'numeric' | 'enum';
  /** Distinct values, sorted (numbers ascending); empty when there are more than `maxDistinct`. */
  readonly values: readonly (number | string)[];
  readonly distinct: number;
  readonly min: number;
  readonly max: number;
  /** Numeric, positive and spanning at least a factor 20: plotted on a log scale. */
  readonly log: boolean;
}

export type Row = Record<string, unknown>;

/** Quotes an identifier for SQL (column names may contain dots). */
export function sqlIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Compares spec paths and column names whatever separator the store chose (`.`, `_`, `__`). */
function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Axis paths declared by a spec (grid keys, then sample axes), in spec order. */
function specAxisPaths(spec: unknown): string[] {
  if (spec === null || typeof spec !== 'object') return [];
  // The normalised spec (sweep/spec-types.ts) lists axes as [{path, ...}]; the YAML form as a map keyed by path.
  const s = spec as { grid?: unknown; sample?: { axes?: unknown } | null };
  const pathsOf = (axes: unknown): string[] =>
    Array.isArray(axes)
      ? axes.map((a) => (a as { path?: unknown }).path).filter((p): p is string => typeof p === 'string')
      : Object.keys((axes as Record<string, unknown> | undefined) ?? {});
  return [...pathsOf(s.grid), ...pathsOf(s.sample?.axes)];
}

export class SweepStoreReader {
  readonly #instance: DuckDBInstance;
  readonly #connection: DuckDBConnection;
  readonly path: string;

  private constructor(path: string, instance: DuckDBInstance, connection: DuckDBConnection) {
    this.path = path;
    this.#instance = instance;
    this.#connection = connection;
  }

  /** Opens DIR/sweep.duckdb read-only. */
  static async open(dir: string): Promise<SweepStoreReader> {
    const path = join(dir, 'sweep.duckdb');
    if (!existsSync(path)) {
      throw new ReportError('REPORT_STORE_MISSING', `${path} does not exist; run \`patternsweep run SPEC --out ${dir}\` first`);
    }
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
    } catch (cause) {
      throw new ReportError('REPORT_STORE_INVALID', `${path} could not be opened read-only (is a sweep still writing it?)`, { cause });
    }
    const connection = await instance.connect();
    const reader = new SweepStoreReader(path, instance, connection);
    try {
      for (const table of ['meta', 'runs']) {
        if (!(await reader.hasTable(table))) {
          throw new ReportError('REPORT_STORE_INVALID', `${path} has no table \`${table}\`; is it a patternsweep store?`);
        }
      }
      await reader.#createRunsView();
    } catch (error) {
      reader.close();
      throw error;
    }
    return reader;
  }

  /**
   * A sweep may keep only some statistics (keep.statistics); the temporary
   * view RUNS_VIEW shows every STAT_NAMES column, NULL where not kept, so each
   * figure's query works on any store (a read-only store still allows temp views).
   */
  async #createRunsView(): Promise<void> {
    const present = new Set((await this.columns('runs')).map((c) => c.name));
    const missing = STAT_NAMES.filter((s) => !present.has(s)).map((s) => `NULL::DOUBLE AS ${sqlIdentifier(s)}`);
    await this.query(`CREATE TEMP VIEW ${RUNS_VIEW} AS SELECT *${missing.map((m) => `, ${m}`).join('')} FROM runs`);
    this.missingStats = STAT_NAMES.filter((s) => !present.has(s));
  }

  /** Statistics the store did not keep (NULL in RUNS_VIEW). */
  missingStats: readonly string[] = [];

  async query(sql: string): Promise<Row[]> {
    try {
      const reader = await this.#connection.runAndReadAll(sql);
      return reader.getRowObjectsJS() as Row[];
    } catch (cause) {
      throw new ReportError('REPORT_STORE_INVALID', `query on ${this.path} failed: ${(cause as Error).message}`, { cause });
    }
  }

  async hasTable(name: string): Promise<boolean> {
    const rows = await this.query(
      `SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = '${name.replace(/'/g, "''")}'`,
    );
    return Number(rows[0]?.n ?? 0) > 0;
  }

  async columns(table: string): Promise<{ name: string; type: string }[]> {
    const rows = await this.query(
      `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`,
    );
    return rows.map((r) => ({ name: String(r.name), type: String(r.type) }));
  }

  /** The `meta` table as a key → value map. */
  async meta(): Promise<Map<string, string>> {
    const rows = await this.query('SELECT * FROM meta');
    const map = new Map<string, string>();
    for (const row of rows) map.set(String(row.key), String(row.value));
    return map;
  }

  /**
   * The sweep spec as stored in `meta` (JSON preferred, YAML otherwise), or
   * null when the store keeps neither under a key the report recognises.
   */
  async spec(): Promise<Record<string, unknown> | null> {
    const meta = await this.meta();
    for (const [key, value] of meta) {
      if (/json/i.test(key) && /spec/i.test(key)) {
        try {
          return JSON.parse(value) as Record<string, unknown>;
        } catch {
          // not JSON after all: try the YAML below
        }
      }
    }
    for (const [key, value] of meta) {
      if (/spec/i.test(key) && /ya?ml/i.test(key)) return parseYaml(value) as Record<string, unknown>;
    }
    return null;
  }

  /** column -> spec path, from the `layout` entry of `meta` (coordinator/store.ts StoreLayout). */
  async layoutAxes(): Promise<Map<string, string>> {
    const map = new Map<string, string>();
    const text = (await this.meta()).get('layout');
    if (text === undefined) return map;
    try {
      const layout = JSON.parse(text) as { axes?: { path?: unknown; column?: unknown }[] };
      for (const a of layout.axes ?? []) {
        if (typeof a.path === 'string' && typeof a.column === 'string') map.set(a.column, a.path);
      }
    } catch {
      // an unreadable layout only loses the exact names; pathOf falls back to matching
    }
    return map;
  }

  /** Sweep axes stored in `runs`, in spec order, with their distinct values (up to maxDistinct). */
  async axes(spec: Record<string, unknown> | null, maxDistinct: number): Promise<AxisColumn[]> {
    const stats = new Set<string>(STAT_NAMES);
    const columns = (await this.columns('runs')).filter((c) => !INDEX_COLUMNS.has(c.name) && !stats.has(c.name));
    const paths = specAxisPaths(spec);
    // The store's layout (coordinator/store.ts) maps columns to spec paths exactly; fall back to matching names.
    const layoutAxes = await this.layoutAxes();
    const pathOf = (column: string): string =>
      layoutAxes.get(column) ?? paths.find((p) => normaliseName(p) === normaliseName(column)) ?? column;
    const order = (column: string): number => {
      const i = paths.indexOf(pathOf(column));
      return i < 0 ? paths.length : i;
    };
    const axes: AxisColumn[] = [];
    for (const { name, type } of columns) {
      const id = sqlIdentifier(name);
      const numeric = /INT|DOUBLE|FLOAT|DECIMAL|REAL|NUMERIC/i.test(type);
      const [summary] = await this.query(
        numeric
          ? `SELECT count(DISTINCT ${id})::DOUBLE AS distinct, min(${id})::DOUBLE AS min, max(${id})::DOUBLE AS max FROM ${RUNS_VIEW}`
          : `SELECT count(DISTINCT ${id})::DOUBLE AS distinct, NULL AS min, NULL AS max FROM ${RUNS_VIEW}`,
      );
      const distinct = Number(summary.distinct);
      let values: (number | string)[] = [];
      if (distinct <= maxDistinct) {
        const rows = await this.query(
          `SELECT DISTINCT ${numeric ? `${id}::DOUBLE` : `${id}::VARCHAR`} AS v FROM ${RUNS_VIEW} WHERE ${id} IS NOT NULL ORDER BY v`,
        );
        values = rows.map((r) => (numeric ? Number(r.v) : String(r.v)));
      }
      const min = numeric ? Number(summary.min) : NaN;
      const max = numeric ? Number(summary.max) : NaN;
      axes.push({
        column: name,
        path: pathOf(name),
        kind: numeric ? 'numeric' : 'enum',
        values,
        distinct,
        min,
        max,
        log: numeric && min > 0 && max / min >= 20,
      });
    }
    return axes.sort((a, b) => order(a.column) - order(b.column));
  }

  close(): void {
    this.#connection.closeSync();
    this.#instance.closeSync();
  }
}
