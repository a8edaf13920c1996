/**
 * The store's ingest as it was before columnar appends (issue 12): one
 * transaction per call, a DELETE and an INSERT per shard, and a row appender
 * fed one value at a time from a per-index `describe`. Kept only as the
 * reference that the columnar path must reproduce bit for bit (tests) and as
 * the "before" of `npm run bench:store`. Writes into a store's connection.
 */
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { STAT_SQL_TYPES } from '../../coordinator/columns.js';
import { quoteLiteral } from '../../coordinator/columns.js';
import type { DescribeIndex, ShardRecord, StoreLayout } from '../../coordinator/store.js';
import type { StatName } from '../../model/stats.js';
import type { ShardOutput } from '../../queue/index.js';

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

async function appendShard(
  c: DuckDBConnection,
  layout: StoreLayout,
  describe: DescribeIndex,
  out: ShardOutput,
  meta: { worker: string; attempts: number },
): Promise<void> {
  const { start, end } = out;
  const n = end - start;
  const runs = await c.createAppender('runs');
  for (let i = 0; i < n; i++) {
    const idx = start + i;
    const where = describe(idx);
    runs.appendBigInt(BigInt(idx));
    runs.appendBigInt(BigInt(where.point));
    runs.appendInteger(where.replicate);
    for (const axis of layout.axes) {
      const v = where.axes[axis.path];
      if (v === undefined || (typeof v === 'number' && Number.isNaN(v))) runs.appendNull();
      else if (axis.kind === 'enum') runs.appendVarchar(String(v));
      else runs.appendDouble(Number(v));
    }
    for (const stat of layout.statistics) appendStat(runs, stat, out.columns[stat][i]);
    runs.endRow();
  }
  runs.closeSync();
  const tr = out.trajectory;
  if (tr !== null && layout.trajectoryPoints > 0) {
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

/** The former `ResultStore.commit` body, on `c` (the caller serialises calls). */
export async function commitRowByRow(
  c: DuckDBConnection,
  layout: StoreLayout,
  describe: DescribeIndex,
  batch: readonly ShardRecord[],
): Promise<string[]> {
  if (batch.length === 0) return [];
  const shardOf = (r: ShardRecord): number => (r.kind === 'result' ? r.out.shard : r.task.shard);
  await c.run('BEGIN TRANSACTION');
  try {
    const shardIds = [...new Set(batch.map(shardOf))];
    const done = new Set<number>();
    const existing = await c.runAndReadAll(`SELECT shard FROM shards WHERE status = 'done' AND shard IN (${shardIds.join(', ')})`);
    for (const row of existing.getRows()) done.add(Number(row[0]));
    const outcomes: string[] = [];
    for (const record of batch) {
      const shard = shardOf(record);
      if (done.has(shard)) {
        outcomes.push('duplicate');
        continue;
      }
      await c.run(`DELETE FROM shards WHERE shard = ${shard}`);
      if (record.kind === 'result') {
        await appendShard(c, layout, describe, record.out, record.meta);
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
