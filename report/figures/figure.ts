/**
 * What every figure module returns: a Vega-Lite spec with its data inlined
 * (the report is offline: no URL data, no external loader) and words for the page.
 */
import type { TopLevelSpec } from 'vega-lite';
import { axisLabel } from '../labels.js';
import type { AxisColumn } from '../store-reader.js';

export interface Figure {
  /** File stem: figures are written as `<id>.svg` and `<id>.png`. */
  readonly id: string;
  readonly title: string;
  /** One or two sentences under the figure: what it shows and how to read it. */
  readonly caption: string;
  readonly spec: TopLevelSpec;
}

/** Font named in every spec; DejaVu Sans is what resvg finds on Debian-like systems. */
export const FIGURE_FONT = 'DejaVu Sans, Verdana, Arial, sans-serif';

export const FIGURE_CONFIG = {
  font: FIGURE_FONT,
  background: 'white',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', labelLimit: 220 },
  legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', labelLimit: 280, titleLimit: 280 },
  title: { fontSize: 14, fontWeight: 'normal', anchor: 'start' },
} as const;

/** Vega-Lite measurement type of an axis used as a position (x/y). */
export function positionType(axis: AxisColumn): 'quantitative' | 'ordinal' | 'nominal' {
  if (axis.kind === 'enum') return 'nominal';
  return axis.values.length > 0 && axis.values.length <= 12 && !axis.log ? 'ordinal' : 'quantitative';
}

/** Vega-Lite type of an axis used as colour: a few numeric values read best as ordered categories. */
export function colourType(axis: AxisColumn): 'quantitative' | 'ordinal' | 'nominal' {
  if (axis.kind === 'enum') return 'nominal';
  return axis.values.length > 0 && axis.values.length <= 10 ? 'ordinal' : 'quantitative';
}

/** Colour scheme: distinct hues for categories, an ordered ramp for numbers. */
export function colourScheme(axis: AxisColumn): { scheme: string } {
  return { scheme: axis.kind === 'enum' ? 'tableau10' : 'viridis' };
}

/** A log scale for numeric axes spanning at least a decade, or that are named gamma (docs/model.md §4: T0 vs gamma). */
export function wantsLogScale(axis: AxisColumn): boolean {
  return axis.kind === 'numeric' && axis.min > 0 && (axis.log || axis.max / axis.min >= 10 || /gamma/i.test(axis.path));
}

/** Scale of a numeric axis on x: log (without rounding the domain out to whole decades) or linear. */
export function numericScale(
  axis: AxisColumn,
): { type: 'log' | 'symlog'; nice: false; padding: number } | { zero: false; padding: number } {
  if (wantsLogScale(axis)) return { type: 'log', nice: false, padding: 12 };
  // Counts that start at 0 and span decades (SFT steps 0..300): symmetric log keeps 0 and spreads the small values.
  if (axis.kind === 'numeric' && axis.min === 0 && axis.max >= 30) return { type: 'symlog', nice: false, padding: 12 };
  return { zero: false, padding: 12 };
}

/**
 * One number format per log axis, so "10,000,000,000" never sits beside "1e+12": exponent form for every
 * label when the axis reaches 10^4 or goes below 10^-2, plain (no thousands separator) otherwise.
 * Three significant digits at most (".2~e" is two after the point), so grid values such as 3.16e-4 stay short.
 */
export function logAxisFormat(min: number, max: number): string {
  return max >= 1e4 || (min > 0 && min < 1e-2) ? '.2~e' : '.3~g';
}

/** The smallest and largest positive finite numbers of a list (NaN, NaN when there is none). */
export function positiveRange(values: readonly (number | null | undefined)[]): { min: number; max: number } {
  const positive = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0);
  return positive.length === 0 ? { min: NaN, max: NaN } : { min: Math.min(...positive), max: Math.max(...positive) };
}

export interface NumericPosition {
  readonly scale: ReturnType<typeof numericScale>;
  /** Vega-Lite axis properties: one label format, and the grid values as ticks when there are few. */
  readonly axis: { readonly format?: string; readonly values?: readonly number[] };
  /** Axis title naming the scale: "(log scale)" or "(symmetric log scale)". */
  readonly title: string;
}

/** Most grid values that still read as tick labels (beyond that Vega's own ticks are clearer). */
const MAX_GRID_TICKS = 12;

/**
 * Scale, axis and title of a numeric sweep axis on x. On log and symmetric-log scales Vega's own ticks
 * miss most grid values (SFT steps 3 and 10 went unlabelled), so a short grid is its own tick list.
 */
export function numericPosition(axis: AxisColumn): NumericPosition {
  const scale = numericScale(axis);
  const label = axisLabel(axis.path);
  if (!('type' in scale)) return { scale, axis: {}, title: label };
  const grid = axis.values.filter((v): v is number => typeof v === 'number');
  const ticks = grid.length > 0 && grid.length <= MAX_GRID_TICKS ? { values: grid } : {};
  const positive = positiveRange(grid.length > 0 ? grid : [axis.min, axis.max]);
  const format = logAxisFormat(positive.min, positive.max);
  const words = scale.type === 'log' ? 'log scale' : 'symmetric log scale';
  return { scale, axis: { format, ...ticks }, title: `${label} (${words})` };
}

/** Very short numbers for heatmap cells: 3 characters of mantissa at most ("1.8e5", "0.62", "375"). */
export function formatCompact(v: number): string {
  const a = Math.abs(v);
  if (v === 0) return '0';
  if (a >= 1e4 || a < 1e-2) {
    const exponent = Math.floor(Math.log10(a));
    return `${(v / 10 ** exponent).toFixed(1)}e${exponent}`;
  }
  return String(Number(v.toPrecision(a >= 100 ? 3 : 2)));
}

/** Short numbers for legends and cells (3 significant digits). */
export function formatValue(v: number | string | null): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e5 || a < 1e-3 ? v.toExponential(2) : String(Number(v.toPrecision(3)));
}
