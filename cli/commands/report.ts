/** `patternsweep report DIR`: HTML report and figures of a sweep's results store. */
import { InvalidArgumentError, type Command } from 'commander';
import { buildReport, parseHeatmap, ReportError, type HeatmapRequest } from '../../report/index.js';
import { EXIT, type CommandInvocation, type CommandModule } from '../command.js';
import { reportCommandError } from '../errors.js';
import { createLogger } from '../log.js';
import type { LogLevel } from '../options.js';

export interface ReportCliOptions {
  readonly heatmap: HeatmapRequest[];
  readonly out?: string;
  readonly logLevel: LogLevel;
}

/** Repeatable `--heatmap stat:axisX,axisY`, checked at parse time. */
function collectHeatmap(value: string, previous: HeatmapRequest[]): HeatmapRequest[] {
  try {
    return [...previous, parseHeatmap(value)];
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

export const reportCommand: CommandModule = {
  name: 'report',
  define(program: Command): Command {
    return program
      .command('report')
      .description('write DIR/report/index.html (offline, figures inline) plus PNG and SVG figures')
      .argument('<dir>', 'results folder of `patternsweep run` (holds sweep.duckdb)')
      .option(
        '--heatmap <stat:axisX,axisY>',
        'add a heatmap of a statistic over two axes, e.g. t_escape:model.initialPattern.gamma,model.successRate.rival (repeatable)',
        collectHeatmap,
        [] as HeatmapRequest[],
      )
      .option('--out <dir>', 'output folder (default: DIR/report)');
  },
  async execute(invocation: CommandInvocation): Promise<number> {
    const options = invocation.options as unknown as ReportCliOptions;
    const logger = createLogger(options.logLevel);
    try {
      const result = await buildReport(invocation.args[0], { heatmaps: options.heatmap, out: options.out });
      for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
      process.stdout.write(`report: ${result.html} (${result.figures.length} figures: ${result.figures.map((f) => f.id).join(', ')})\n`);
      return EXIT.ok;
    } catch (error) {
      if (error instanceof ReportError) {
        // Written for the user (names the file, field or value): no stack trace.
        process.stderr.write(`error: ${error.message}\n`);
        logger.debug({ err: error }, 'report failed');
        return EXIT.error;
      }
      return reportCommandError(error, logger);
    }
  },
};
