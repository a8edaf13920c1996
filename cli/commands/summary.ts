/** `patternsweep summary DIR [--by a,b]`: aggregates of a stored sweep, per grid point or per group of axes. */
import { Option, type Command } from 'commander';
import { runningSweepApi } from '../../coordinator/index.js';
import { INTERVAL_NOTE, ResultStore, StoreBusyError } from '../../coordinator/index.js';
import { readLevels, readPointLevels } from '../../coordinator/index.js';
import { EXIT, type CommandInvocation, type CommandModule } from '../command.js';
import { reportCommandError } from '../errors.js';
import { createLogger } from '../log.js';
import { parseAxisList, type LogLevel } from '../options.js';
import { cell, csvCell } from '../table-format.js';

export const SUMMARY_FORMATS = ['table', 'csv', 'json'] as const;
type SummaryFormat = (typeof SUMMARY_FORMATS)[number];


/** Aligned text table of the most useful columns. */
export function formatSummaryTable(rows: readonly Record<string, unknown>[], keys: readonly string[]): string {
  const columns = [...keys, 'statistic', 'runs', 'count', 'censored', 'mean', 'ci_low', 'ci_high', 'median', 'p10', 'p90'];
  const body = rows.map((r) => columns.map((c) => cell(r[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]): string => cells.map((s, i) => s.padStart(widths[i])).join('  ');
  return [line(columns), ...body.map(line)].join('\n');
}

export const summaryCommand: CommandModule = {
  name: 'summary',
  define(program: Command): Command {
    return program
      .command('summary')
      .description('print aggregates of a stored sweep: per grid point, or grouped --by axes')
      .argument('<dir>', 'output folder of a sweep (holds sweep.duckdb)')
      .option('--by <axes>', 'group by these axes (comma-separated spec paths or column names), over everything else', parseAxisList)
      .addOption(new Option('--format <format>', 'output format').choices(SUMMARY_FORMATS).default('table'));
  },
  async execute(invocation: CommandInvocation): Promise<number> {
    const logger = createLogger(invocation.options.logLevel as LogLevel | undefined);
    const by = invocation.options.by as string[] | undefined;
    const format = (invocation.options.format ?? 'table') as SummaryFormat;
    let store: ResultStore | undefined;
    try {
      let keys: readonly string[];
      let rows: Record<string, unknown>[];
      let header: () => Promise<string>;
      try {
        store = await ResultStore.openExisting(invocation.args[0]);
        const opened = store;
        keys = opened.summaryQuery(by).keys;
        rows = await opened.summarize(by);
        // A refined sweep (coordinator/refine-run.ts): per-point rows carry their level.
        const levels = await opened.withConnection(readLevels);
        if (levels !== null && by === undefined) {
          const pointLevels = await opened.withConnection(readPointLevels);
          const spec = JSON.parse((await opened.meta()).spec_json ?? '{}') as { sample?: { count?: number } | null };
          const samples = spec.sample?.count ?? 1;
          rows = rows.map((r) => ({ level: pointLevels.get(Math.floor(Number(r.point) / samples)) ?? null, ...r }));
          keys = ['level', ...keys];
        }
        header = async () => {
          const counts = await opened.counts();
          const stored =
            levels === null
              ? `${counts.runs}/${opened.layout.size} runs stored`
              : `refined, ${counts.runs} runs stored over ${levels.length} levels (${levels.map((l) => `level ${l.level}: ${l.points} points`).join(', ')}; ` +
                `worst case ${opened.layout.size})`;
          return `sweep ${opened.layout.name}: ${stored}, ${counts.failed} shards failed`;
        };
      } catch (error) {
        // A running sweep holds the store: ask its coordinator (DIR/dashboard.json) instead.
        if (!(error instanceof StoreBusyError)) throw error;
        const api = await runningSweepApi(invocation.args[0]);
        if (api === null) throw error;
        ({ keys, rows } = await api.summary(by));
        header = async () => {
          const p = await api.progress();
          return `sweep ${api.address.sweep} (running, read through its API at ${api.address.url}): ${p.doneRuns}/${p.totalRuns} runs stored so far, ${p.failedShards} shards failed`;
        };
      }
      if (format === 'json') {
        process.stdout.write(`${JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v), 2)}\n`);
      } else if (format === 'csv') {
        const columns = rows.length > 0 ? Object.keys(rows[0]) : [];
        process.stdout.write(`${[columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\n')}\n`);
      } else {
        process.stdout.write(
          `${await header()}\n` +
            `${INTERVAL_NOTE}; times (t_conv, t_escape) over finished runs only, 'censored' = runs that never got there\n\n` +
            `${formatSummaryTable(rows, keys)}\n`,
        );
      }
      return EXIT.ok;
    } catch (error) {
      return reportCommandError(error, logger);
    } finally {
      await store?.close();
    }
  },
};
