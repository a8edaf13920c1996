/**
 * `patternsweep sql DIR "SELECT ..."`: one read-only query on a sweep's store
 * with the embedded DuckDB (no duckdb CLI needed). While a sweep runs (the
 * store is locked by its coordinator) the query goes through the
 * coordinator's API instead (DIR/dashboard.json).
 */
import { Option, type Command } from 'commander';
import { readOnlySql, runningSweepApi, type SqlResult } from '../../coordinator/index.js';
import { ResultStore, StoreBusyError } from '../../coordinator/index.js';
import { EXIT, type CommandInvocation, type CommandModule } from '../command.js';
import { reportCommandError } from '../errors.js';
import { createLogger } from '../log.js';
import type { LogLevel } from '../options.js';
import { csvTable, jsonRows, OUTPUT_FORMATS, textTable, type OutputFormat } from '../table-format.js';

/** Rows a local query prints at most. */
const LOCAL_MAX_ROWS = Number.MAX_SAFE_INTEGER;

async function localQuery(dir: string, sql: string): Promise<SqlResult> {
  const store = await ResultStore.openExisting(dir);
  try {
    return await readOnlySql(store.connection, sql, LOCAL_MAX_ROWS);
  } finally {
    await store.close();
  }
}

export async function querySweep(dir: string, sql: string): Promise<SqlResult & { via: 'store' | 'api' }> {
  try {
    return { ...(await localQuery(dir, sql)), via: 'store' };
  } catch (error) {
    if (!(error instanceof StoreBusyError)) throw error;
    const api = await runningSweepApi(dir);
    if (api === null) throw error;
    return { ...(await api.sql(sql)), via: 'api' };
  }
}

export function formatResult(result: SqlResult, format: OutputFormat): string {
  if (format === 'csv') return csvTable(result.columns, result.rows);
  if (format === 'json') return jsonRows(result.columns, result.rows);
  return textTable(result.columns, result.rows);
}

export const sqlCommand: CommandModule = {
  name: 'sql',
  define(program: Command): Command {
    return program
      .command('sql')
      .description('run one read-only SQL query (DuckDB) on a sweep\'s store; works while the sweep runs')
      .argument('<dir>', 'output folder of a sweep (holds sweep.duckdb)')
      .argument('<query>', 'one SELECT statement, e.g. "SELECT point, median(t_conv) FROM runs GROUP BY point"')
      .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('table'));
  },
  async execute(invocation: CommandInvocation): Promise<number> {
    const logger = createLogger(invocation.options.logLevel as LogLevel | undefined);
    const format = (invocation.options.format ?? 'table') as OutputFormat;
    try {
      const result = await querySweep(invocation.args[0], invocation.args[1]);
      process.stdout.write(`${formatResult(result, format)}\n`);
      if (result.truncated) process.stderr.write(`note: only the first ${result.rows.length} rows are shown (the running sweep's API limit)\n`);
      return EXIT.ok;
    } catch (error) {
      return reportCommandError(error, logger);
    }
  },
};
