/**
 * The refinement ledger: two tables beside `runs` in the sweep's store.
 * - refine_levels(level, first_point, points, first_shard, shards, first_idx,
 *   end_idx, spec_hash, cells, flagged, split, budget_exhausted): one row per
 *   planned level, written before the level is dispatched;
 * - refine_points(grid_point, level, slice, coords, one column per grid axis,
 *   value, class): every grid point of every level at its true coordinates,
 *   with the quantity's per-point aggregate and its class once the level ran
 *   (what `report` draws the boundary from).
 * A resumed refinement re-reads a planned level instead of trusting a
 * recomputation alone (and checks both agree), so levels, indices and seeds
 * never move. Aggregates per grid point are read back from `runs` with exact
 * arithmetic (integer counts, a discrete median), so they do not depend on
 * the order rows were stored in.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { PatternsweepError } from '../errors/index.js';
import type { RefineQuantity } from '../sweep/spec-types.js';
import { quoteIdent, quoteLiteral, type AxisColumn } from './columns.js';

export interface LevelRecord {
  readonly level: number;
  /** Grid point number of the level's first point. */
  readonly firstPoint: number;
  readonly points: number;
  readonly firstShard: number;
  readonly shards: number;
  readonly firstIndex: number;
  readonly endIndex: number;
  /** Hash of the level's derived spec (level 0: the sweep's spec). */
  readonly specHash: string;
  /** Cells of this level. */
  readonly cells: number;
  /** Cells of the previous level that disagreed, and those split (0 for level 0). */
  readonly flagged: number;
  readonly split: number;
  readonly budgetExhausted: boolean;
}

export interface LedgerPoint {
  readonly gridPoint: number;
  readonly slice: number;
  readonly coords: readonly number[];
  readonly values: readonly (number | string)[];
}

export class RefineLedgerError extends PatternsweepError {
  override readonly name = 'RefineLedgerError';
  constructor(message: string) {
    super('REFINE_LEDGER', message, { userFacing: true });
  }
}

export async function createLedger(c: DuckDBConnection, axes: readonly AxisColumn[]): Promise<void> {
  await c.run(
    `CREATE TABLE IF NOT EXISTS refine_levels (level INTEGER PRIMARY KEY, first_point BIGINT NOT NULL, points BIGINT NOT NULL,
       first_shard INTEGER NOT NULL, shards INTEGER NOT NULL, first_idx BIGINT NOT NULL, end_idx BIGINT NOT NULL,
       spec_hash VARCHAR NOT NULL, cells BIGINT NOT NULL, flagged BIGINT NOT NULL, split BIGINT NOT NULL, budget_exhausted BOOLEAN NOT NULL)`,
  );
  const columns = axes.map((a) => `${quoteIdent(a.column)} ${a.kind === 'enum' ? 'VARCHAR' : 'DOUBLE'}`);
  await c.run(
    `CREATE TABLE IF NOT EXISTS refine_points (grid_point BIGINT PRIMARY KEY, level INTEGER NOT NULL, slice BIGINT NOT NULL,
       coords VARCHAR NOT NULL${columns.map((col) => `, ${col}`).join('')}, value DOUBLE, class INTEGER)`,
  );
}

/** Writes a level and its points in one transaction (a crash leaves the level unplanned, never half planned). */
export async function recordLevel(
  c: DuckDBConnection,
  axes: readonly AxisColumn[],
  record: LevelRecord,
  points: readonly LedgerPoint[],
): Promise<void> {
  await c.run('BEGIN TRANSACTION');
  try {
    const r = record;
    await c.run(
      `INSERT INTO refine_levels VALUES (${r.level}, ${r.firstPoint}, ${r.points}, ${r.firstShard}, ${r.shards}, ${r.firstIndex}, ` +
        `${r.endIndex}, ${quoteLiteral(r.specHash)}, ${r.cells}, ${r.flagged}, ${r.split}, ${r.budgetExhausted})`,
    );
    const appender = await c.createAppender('refine_points');
    for (const p of points) {
      appender.appendBigInt(BigInt(p.gridPoint));
      appender.appendInteger(record.level);
      appender.appendBigInt(BigInt(p.slice));
      appender.appendVarchar(p.coords.join(','));
      axes.forEach((axis, i) => {
        const v = p.values[i];
        if (axis.kind === 'enum') appender.appendVarchar(String(v));
        else appender.appendDouble(Number(v));
      });
      appender.appendNull();
      appender.appendNull();
      appender.endRow();
    }
    appender.closeSync();
    await c.run('COMMIT');
  } catch (error) {
    await c.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The recorded level, or null if it was never planned. */
export async function readLevel(c: DuckDBConnection, level: number): Promise<{ record: LevelRecord; points: LedgerPoint[] } | null> {
  const rows = (
    await c.runAndReadAll(
      `SELECT level, first_point, points, first_shard, shards, first_idx, end_idx, spec_hash, cells, flagged, split, budget_exhausted
         FROM refine_levels WHERE level = ${level}`,
    )
  ).getRows();
  if (rows.length === 0) return null;
  const [lv, firstPoint, points, firstShard, shards, firstIndex, endIndex, hash, cells, flagged, split, exhausted] = rows[0];
  const record: LevelRecord = {
    level: Number(lv),
    firstPoint: Number(firstPoint),
    points: Number(points),
    firstShard: Number(firstShard),
    shards: Number(shards),
    firstIndex: Number(firstIndex),
    endIndex: Number(endIndex),
    specHash: String(hash),
    cells: Number(cells),
    flagged: Number(flagged),
    split: Number(split),
    budgetExhausted: exhausted === true,
  };
  const pointRows = (
    await c.runAndReadAll(`SELECT grid_point, slice, coords FROM refine_points WHERE level = ${level} ORDER BY grid_point`)
  ).getRows();
  return {
    record,
    points: pointRows.map(([gp, slice, coords]) => ({
      gridPoint: Number(gp),
      slice: Number(slice),
      coords: String(coords) === '' ? [] : String(coords).split(',').map(Number),
      values: [],
    })),
  };
}

/**
 * SQL of the per-grid-point aggregate over runs of grid points [first, first + count)
 * (runs.point = grid point x samples + sample), as (gp, value, class):
 * regime: the most common regime (lowest on ties); share: flagged runs / runs;
 * time: the lower median, NULL (censored) counted as +Infinity. Exact
 * arithmetic (counts, a discrete median): the order rows were stored in
 * cannot change a value. class: the regime, or 1 at or above the level.
 */
export function aggregateSql(quantity: RefineQuantity, first: number, count: number, sampleCount: number): string {
  const where = `WHERE point >= ${first * sampleCount} AND point < ${(first + count) * sampleCount}`;
  const gp = `(point // ${sampleCount})`;
  if (quantity.kind === 'regime') {
    return `SELECT gp, first(r ORDER BY n DESC, r ASC)::DOUBLE AS value, first(r ORDER BY n DESC, r ASC)::INTEGER AS class
              FROM (SELECT ${gp} AS gp, coalesce(regime, 3) AS r, count(*) AS n FROM runs ${where} GROUP BY ALL) GROUP BY gp`;
  }
  const column = quoteIdent(quantity.statistic);
  const value =
    quantity.kind === 'share'
      ? `sum(CASE WHEN ${column} THEN 1 ELSE 0 END)::DOUBLE / count(*)::DOUBLE`
      : `quantile_disc(coalesce(${column}, 'infinity'::DOUBLE), 0.5)::DOUBLE`;
  return `SELECT gp, value, CASE WHEN value >= ${quantity.level} THEN 1 ELSE 0 END AS class
            FROM (SELECT ${gp} AS gp, ${value} AS value FROM runs ${where} GROUP BY gp)`;
}

/** Computes the aggregates of a level's points into refine_points and returns value by grid point. */
export async function storeAggregates(
  c: DuckDBConnection,
  quantity: RefineQuantity,
  level: LevelRecord,
  sampleCount: number,
): Promise<Map<number, number>> {
  await c.run(
    `UPDATE refine_points SET value = a.value, class = a.class
       FROM (${aggregateSql(quantity, level.firstPoint, level.points, sampleCount)}) a
      WHERE refine_points.grid_point = a.gp AND refine_points.level = ${level.level}`,
  );
  const rows = (
    await c.runAndReadAll(`SELECT grid_point, value FROM refine_points WHERE level = ${level.level} AND value IS NOT NULL`)
  ).getRows();
  return new Map(rows.map(([g, v]) => [Number(g), Number(v)]));
}

/** Every recorded level in order, or null when the store holds no refinement (an ordinary sweep). */
export async function readLevels(c: DuckDBConnection): Promise<LevelRecord[] | null> {
  const exists = await c.runAndReadAll(
    `SELECT 1 FROM information_schema.tables WHERE table_schema = 'main' AND table_name = 'refine_levels'`,
  );
  if (exists.getRows().length === 0) return null;
  const levels: LevelRecord[] = [];
  for (const [level] of (await c.runAndReadAll('SELECT level FROM refine_levels ORDER BY level')).getRows()) {
    const read = await readLevel(c, Number(level));
    if (read !== null) levels.push(read.record);
  }
  return levels;
}

/** Level of every grid point of a refinement. */
export async function readPointLevels(c: DuckDBConnection): Promise<Map<number, number>> {
  const rows = (await c.runAndReadAll('SELECT grid_point, level FROM refine_points')).getRows();
  return new Map(rows.map(([g, l]) => [Number(g), Number(l)]));
}
