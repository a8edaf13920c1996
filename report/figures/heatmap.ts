/**
 * A statistic over two sweep axes (`--heatmap stat:axisX,axisY`): the mean for
 * plain statistics and fractions, the censored-aware median for times (a
 * censored cell is grey and labelled, never given a number).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { StatName } from '../../model/stats.js';
import { axisLabel, axisShortLabel, STAT_LABELS, TIME_STATS } from '../labels.js';
import { inSentence } from '../labels.js';
import type { HeatmapCell } from '../queries.js';
import type { AxisColumn } from '../store-reader.js';
import { FIGURE_CONFIG, formatCompact, formatValue, logAxisFormat, numberLabelExpr, type Figure } from './figure.js';
import { logTicks, zeroTimeMeaning } from './time-vs-axis.js';

const CENSORED_LABEL = 'censored median';
/** Colours outside the viridis ramp: grey for a censored median, red for a time of 0. */
const SPECIAL_COLOURS = { censored: '#bbbbbb', zero: '#d6404e' } as const;

export function heatmapFigure(stat: StatName, cells: readonly HeatmapCell[], x: AxisColumn, y: AxisColumn): Figure {
  const time = TIME_STATS.includes(stat);
  const values = cells.map((c) => ({
    x: typeof c.x === 'number' ? formatValue(c.x) : c.x,
    y: typeof c.y === 'number' ? formatValue(c.y) : c.y,
    xSort: c.x,
    ySort: c.y,
    value: c.value,
    label: c.value === null ? 'cens.' : formatCompact(c.value),
    n: c.n,
    censored: c.censored,
  }));
  const xOrder = [...new Set(values.slice().sort((a, b) => compare(a.xSort, b.xSort)).map((v) => v.x))];
  const yOrder = [...new Set(values.slice().sort((a, b) => compare(b.ySort, a.ySort)).map((v) => v.y))];
  const aggregate = time ? 'median' : 'mean';
  // A time of 0 (runs that start past the event, e.g. SFT runs already in regime 1) has no place on a log
  // scale: such cells get their own colour and legend entry, and the ramp covers the positive values only.
  const zeroLabel = `0 (${zeroTimeMeaning(stat)})`;
  const special = (v: (typeof values)[number]): string | null =>
    v.value === null ? CENSORED_LABEL : time && v.value === 0 ? zeroLabel : null;
  const marked = values.map((v) => ({ ...v, special: special(v) }));
  const ramp = marked.filter((v) => v.special === null).map((v) => v.value as number);
  const lo = Math.min(...ramp);
  const hi = Math.max(...ramp);
  // A (nearly) constant statistic would be stretched over the whole colour ramp; centre it instead.
  const flat = ramp.length > 0 && hi - lo <= 1e-9 * Math.max(1, Math.abs(hi));
  const flatDomain = flat ? { domain: [lo - 0.01 * Math.abs(lo) - 1e-9, hi + 0.01 * Math.abs(hi) + 1e-9] } : {};
  const logColour = time && !flat && ramp.length > 0 && lo > 0;
  const specialCategories = [zeroLabel, CENSORED_LABEL].filter((c) => marked.some((v) => v.special === c));
  const cellSize = Math.max(14, Math.min(60, Math.floor(480 / Math.max(xOrder.length, yOrder.length, 1))));
  const tooltip = [{ field: 'label', title: aggregate }, { field: 'n' }, { field: 'censored' }];
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `${STAT_LABELS[stat]} over ${axisShortLabel(x.path)} and ${axisShortLabel(y.path)}`,
    width: cellSize * xOrder.length,
    height: cellSize * yOrder.length,
    data: { values: marked },
    encoding: {
      x: { field: 'x', type: 'ordinal', sort: xOrder, title: fittingLabel(x.path, cellSize * xOrder.length) + binnedNote(x) },
      y: { field: 'y', type: 'ordinal', sort: yOrder, title: fittingLabel(y.path, cellSize * yOrder.length) + binnedNote(y) },
    },
    layer: [
      ...(ramp.length === 0
        ? []
        : [
            {
              transform: [{ filter: 'datum.special == null' }],
              mark: { type: 'rect' },
              encoding: {
                color: {
                  field: 'value',
                  type: 'quantitative',
                  title: aggregate,
                  scale: logColour ? { type: 'log', scheme: 'viridis' } : { scheme: 'viridis', ...flatDomain },
                  legend: logColour ? { labelExpr: numberLabelExpr('datum.value', logAxisFormat(lo, hi) === '.2~e'), values: logTicks(lo, hi) } : { labelExpr: numberLabelExpr() },
                },
                tooltip,
              },
            },
          ]),
      ...(specialCategories.length === 0
        ? []
        : [
            {
              // fill, not color: its own scale and legend, so "0" and "censored" are named beside the ramp.
              transform: [{ filter: 'datum.special != null' }],
              mark: { type: 'rect' },
              encoding: {
                fill: {
                  field: 'special',
                  type: 'nominal',
                  title: null,
                  scale: { domain: specialCategories, range: specialCategories.map((c) => SPECIAL_COLOURS[c === CENSORED_LABEL ? 'censored' : 'zero']) },
                },
                tooltip,
              },
            },
          ]),
      ...(cellSize >= 36
        ? [{ mark: { type: 'text', fontSize: 9, color: 'white' }, encoding: { text: { field: 'label' } } }]
        : []),
    ],
    resolve: { scale: { color: 'independent', fill: 'independent' } },
    config: FIGURE_CONFIG,
  } as TopLevelSpec;
  const zeroCells = marked.filter((v) => v.special === zeroLabel).length;
  return {
    id: `heatmap-${stat}-${x.column}-${y.column}`.replace(/[^A-Za-z0-9_-]+/g, '-'),
    title: `${STAT_LABELS[stat]} over two axes`,
    caption: (time
      ? `Median ${inSentence(STAT_LABELS[stat])} per cell, censored runs counted as +∞; grey cells have a censored median.` +
        (zeroCells > 0 ? ` ${zeroCells} cell(s) have a median of 0 (${zeroTimeMeaning(stat)}), drawn in red apart from the log colour scale.` : '')
      : `Mean ${inSentence(STAT_LABELS[stat])} per cell over all its runs.`) +
      (binnedNote(x) !== '' || binnedNote(y) !== ''
        ? ' A sampled axis is binned into equal bins (log-spaced on log axes): a cell pools the runs of every sample in its bin; empty cells hold no sample.'
        : ''),
    spec,
  };
}

/** Sampled axes are binned for a heatmap (CONTINUOUS_AXIS_BINS bins): the axis title says so. */
function binnedNote(axis: AxisColumn): string {
  return axis.kind === 'numeric' && axis.values.length === 0 ? ' (binned: bin centres)' : '';
}

/** The full axis label when it fits along `length` pixels (about 7 px a character), else the short one. */
function fittingLabel(path: string, length: number): string {
  const full = axisLabel(path);
  return full.length * 7 <= length ? full : axisShortLabel(path);
}

function compare(a: number | string, b: number | string): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}
