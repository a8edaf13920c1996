/**
 * Options of `buildReport`: input type, resolved type, one defaults constant.
 */
import { join } from 'node:path';
import { STAT_NAMES, type StatName } from '../model/stats.js';
import { ReportOptionError } from './errors.js';

/** A heatmap request, `stat:axisX,axisY` on the command line. Axes by spec path, column name or last path segment. */
export interface HeatmapRequest {
  readonly stat: StatName;
  readonly x: string;
  readonly y: string;
}

export interface ReportOptions {
  /** Output directory. @default `<dir>/report` */
  readonly out?: string;
  /** Extra heatmaps; strings in the `stat:axisX,axisY` form are parsed. @default one chosen from the axes */
  readonly heatmaps?: readonly (string | HeatmapRequest)[];
  /** Most trajectories drawn. @default 40 */
  readonly maxTrajectories?: number;
  /** An axis with more distinct values is binned before grouping. @default 40 */
  readonly maxGroupValues?: number;
  /** PNG pixels per SVG unit. @default 2 */
  readonly pngScale?: number;
  /** Font files for PNG text, in addition to system fonts. @default [] */
  readonly fontFiles?: readonly string[];
}

export interface ResolvedReportOptions {
  readonly out: string;
  readonly heatmaps: readonly HeatmapRequest[];
  readonly maxTrajectories: number;
  readonly maxGroupValues: number;
  readonly pngScale: number;
  readonly fontFiles: readonly string[];
}

export const REPORT_DEFAULTS = {
  maxTrajectories: 40,
  maxGroupValues: 40,
  pngScale: 2,
} as const;

/** Parses `stat:axisX,axisY` (e.g. `t_escape:model.initialPattern.gamma,model.successRate.rival`). */
export function parseHeatmap(text: string): HeatmapRequest {
  const match = /^\s*([a-z0-9_]+)\s*:\s*([^,\s]+)\s*,\s*([^,\s]+)\s*$/i.exec(text);
  if (match === null) {
    throw new ReportOptionError('heatmap', text, 'expected STAT:AXIS_X,AXIS_Y, e.g. t_escape:model.initialPattern.gamma,beta');
  }
  const stat = match[1] as StatName;
  if (!STAT_NAMES.includes(stat)) {
    throw new ReportOptionError('heatmap.stat', match[1], `allowed statistics: ${STAT_NAMES.join(', ')}`);
  }
  return { stat, x: match[2], y: match[3] };
}

function positiveInteger(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new ReportOptionError(field, value, 'must be an integer >= 1');
  return value;
}

export function resolveReportOptions(dir: string, options: ReportOptions = {}): ResolvedReportOptions {
  const pngScale = options.pngScale ?? REPORT_DEFAULTS.pngScale;
  if (!(pngScale > 0 && pngScale <= 8)) throw new ReportOptionError('pngScale', pngScale, 'must be in (0, 8]');
  return {
    out: options.out ?? join(dir, 'report'),
    heatmaps: (options.heatmaps ?? []).map((h) => (typeof h === 'string' ? parseHeatmap(h) : h)),
    maxTrajectories: positiveInteger('maxTrajectories', options.maxTrajectories ?? REPORT_DEFAULTS.maxTrajectories),
    maxGroupValues: positiveInteger('maxGroupValues', options.maxGroupValues ?? REPORT_DEFAULTS.maxGroupValues),
    pngScale,
    fontFiles: [...(options.fontFiles ?? [])],
  };
}
