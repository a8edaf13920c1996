/**
 * Public surface of report/: HTML report and figures of a finished (or
 * partial) sweep, read from its DuckDB store.
 */
export { buildReport } from './build.js';
export type { ReportFile, ReportResult } from './build.js';
export { parseHeatmap, resolveReportOptions, REPORT_DEFAULTS } from './options.js';
export type { HeatmapRequest, ReportOptions, ResolvedReportOptions } from './options.js';
export { ReportError, ReportOptionError } from './errors.js';
export type { ReportErrorCode } from './errors.js';
export { wilsonInterval, Z95 } from './wilson.js';
export type { FractionInterval } from './wilson.js';
export { STAT_LABELS, axisLabel } from './labels.js';
