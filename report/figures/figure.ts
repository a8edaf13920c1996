/**
 * What every figure module returns: a Vega-Lite spec with its data inlined
 * (the report is offline: no URL data, no external loader) and words for the page.
 */
import type { TopLevelSpec } from 'vega-lite';
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

/** A log scale for numeric axes spanning at least a decade, or that are named gamma (MODEL.md §4: T0 vs gamma). */
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
