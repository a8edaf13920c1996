/** `patternsweep summary DIR [--by a,b]`: aggregates of a stored sweep, per grid point or per group of axes. */
import { Option, type Command } from 'commander';
import { readLevels, readPointLevels } from '../../coordinator/refine-ledger.js';
import { ResultStore } from '../../coordinator/store.js';
import { INTERVAL_NOTE } from '../../coordinator/summary.js';
import { EXIT, type CommandInvocation, type CommandModule } from '../command.js';
import { reportCommandError } from '../errors.js';
import { createLogger } from '../log.js';
import { parseAxisList, type LogLevel } from '../options.js';

export const SUMMARY_FORMATS = ['table', 'csv', 'json'] as const;
type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : Number(v.toPrecision(6)).toString();
  if (typeof v === 'bigint') return v.toString();
  return String(v);
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? String(v) : cell(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

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
      store = await ResultStore.openExisting(invocation.args[0]);
      let keys = store.summaryQuery(by).keys;
      let rows = await store.summarize(by);
      // A refined sweep (coordinator/refine-run.ts): per-point rows carry their level.
      const levels = await store.withConnection(readLevels);
      if (levels !== null && by === undefined) {
        const pointLevels = await store.withConnection(readPointLevels);
        const spec = JSON.parse((await store.meta()).spec_json ?? '{}') as { sample?: { count?: number } | null };
        const samples = spec.sample?.count ?? 1;
        rows = rows.map((r) => ({ level: pointLevels.get(Math.floor(Number(r.point) / samples)) ?? null, ...r }));
        keys = ['level', ...keys];
      }
      if (format === 'json') {
        process.stdout.write(`${JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v), 2)}\n`);
      } else if (format === 'csv') {
        const columns = rows.length > 0 ? Object.keys(rows[0]) : [];
        process.stdout.write(`${[columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\n')}\n`);
      } else {
        const counts = await store.counts();
        const stored =
          levels === null
            ? `${counts.runs}/${store.layout.size} runs stored`
            : `refined, ${counts.runs} runs stored over ${levels.length} levels (${levels.map((l) => `level ${l.level}: ${l.points} points`).join(', ')}; ` +
              `worst case ${store.layout.size})`;
        process.stdout.write(
          `sweep ${store.layout.name}: ${stored}, ${counts.failed} shards failed\n` +
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
