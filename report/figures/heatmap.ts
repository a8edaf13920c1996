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
import { FIGURE_CONFIG, formatCompact, formatValue, type Figure } from './figure.js';

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
  // A (nearly) constant statistic would be stretched over the whole colour ramp; centre it instead.
  const finite = values.map((v) => v.value).filter((v): v is number => v !== null);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const flat = finite.length > 0 && hi - lo <= 1e-9 * Math.max(1, Math.abs(hi));
  const flatDomain = flat ? { domain: [lo - 0.01 * Math.abs(lo) - 1e-9, hi + 0.01 * Math.abs(hi) + 1e-9] } : {};
  const cellSize = Math.max(14, Math.min(60, Math.floor(480 / Math.max(xOrder.length, yOrder.length, 1))));
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `${STAT_LABELS[stat]} over ${axisShortLabel(x.path)} and ${axisShortLabel(y.path)}`,
    width: cellSize * xOrder.length,
    height: cellSize * yOrder.length,
    data: { values },
    encoding: {
      x: { field: 'x', type: 'ordinal', sort: xOrder, title: fittingLabel(x.path, cellSize * xOrder.length) },
      y: { field: 'y', type: 'ordinal', sort: yOrder, title: fittingLabel(y.path, cellSize * yOrder.length) },
    },
    layer: [
      {
        // invalid: null keeps cells whose value is null (censored median) so the grey condition can draw them.
        mark: { type: 'rect', invalid: null },
        encoding: {
          color: {
            condition: { test: 'datum.value == null', value: '#bbbbbb' },
            field: 'value',
            type: 'quantitative',
            title: aggregate,
            scale: time && !flat ? { type: 'log', scheme: 'viridis' } : { scheme: 'viridis', ...flatDomain },
            legend: { format: '.3~g' },
          },
          tooltip: [{ field: 'label', title: aggregate }, { field: 'n' }, { field: 'censored' }],
        },
      },
      ...(cellSize >= 36
        ? [{ mark: { type: 'text', fontSize: 9, color: 'white' }, encoding: { text: { field: 'label' } } }]
        : []),
    ],
    config: FIGURE_CONFIG,
  } as TopLevelSpec;
  return {
    id: `heatmap-${stat}-${x.column}-${y.column}`.replace(/[^A-Za-z0-9_-]+/g, '-'),
    title: `${STAT_LABELS[stat]} over two axes`,
    caption: time
      ? `Median ${inSentence(STAT_LABELS[stat])} per cell, censored runs counted as +∞; grey cells have a censored median.`
      : `Mean ${inSentence(STAT_LABELS[stat])} per cell over all its runs.`,
    spec,
  };
}

/** The full axis label when it fits along `length` pixels (about 7 px a character), else the short one. */
function fittingLabel(path: string, length: number): string {
  const full = axisLabel(path);
  return full.length * 7 <= length ? full : axisShortLabel(path);
}

function compare(a: number | string, b: number | string): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}
