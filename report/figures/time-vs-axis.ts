/**
 * A time statistic (T0 = t_escape, or t_conv) against a numeric sweep axis,
 * log-log: the regime-2 plot of MODEL.md §4 (T0 grows faster than any fixed
 * power of gamma, so the log-log curve bends upward) and the regime-1 plot of
 * t_conv against eps (slope -1, O(1/eps)). Medians are censored-aware; a
 * median that is censored is drawn as a triangle at the horizon, never as a number.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { StatName } from '../../model/stats.js';
import { axisLabel, axisShortLabel, STAT_LABELS, STAT_SYMBOLS } from '../labels.js';
import type { TimeQuantiles } from '../queries.js';
import type { AxisColumn } from '../store-reader.js';
import { colourScheme, colourType, FIGURE_CONFIG, numericScale, wantsLogScale, type Figure } from './figure.js';

export function timeVsAxisFigure(
  stat: StatName,
  rows: readonly TimeQuantiles[],
  x: AxisColumn,
  series: AxisColumn | null,
): Figure {
  const values = rows.map((r) => ({
    x: r.x,
    series: r.series,
    n: r.n,
    censored: r.censored,
    median: r.median,
    low: r.p10,
    // A censored upper quantile is only known to exceed the horizon: draw the bar up to it.
    high: r.p90 ?? r.horizon,
    censoredMedian: r.median === null ? r.horizon : null,
  }));
  const xEnc = {
    field: 'x',
    type: 'quantitative' as const,
    scale: numericScale(x),
    title: axisLabel(x.path) + (wantsLogScale(x) ? ' (log scale)' : ''),
  };
  const colour =
    series === null
      ? { value: '#4c78a8' }
      : { field: 'series', type: colourType(series), title: axisShortLabel(series.path), scale: colourScheme(series) };
  const yTitle = `${STAT_SYMBOLS[stat] ?? STAT_LABELS[stat]}, median (log scale)`;
  const logY = { type: 'log' as const, nice: false };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `${STAT_LABELS[stat]} against ${axisShortLabel(x.path)}`,
    width: 460,
    height: 300,
    data: { values },
    layer: [
      {
        transform: [{ filter: 'datum.low != null && datum.low > 0' }],
        mark: { type: 'rule', opacity: 0.5, strokeWidth: 2 },
        encoding: { x: xEnc, y: { field: 'low', type: 'quantitative', scale: logY, title: yTitle }, y2: { field: 'high' }, color: colour },
      },
      {
        transform: [{ filter: 'datum.median != null && datum.median > 0' }],
        mark: { type: 'line', point: true },
        encoding: {
          x: xEnc,
          y: { field: 'median', type: 'quantitative', scale: logY, title: yTitle },
          color: colour,
          tooltip: [{ field: 'n' }, { field: 'censored' }],
        },
      },
      {
        transform: [{ filter: 'datum.censoredMedian != null && datum.censoredMedian > 0' }],
        mark: { type: 'point', shape: 'triangle-up', filled: true, size: 90 },
        encoding: { x: xEnc, y: { field: 'censoredMedian', type: 'quantitative', scale: logY, title: yTitle }, color: colour },
      },
    ],
    config: FIGURE_CONFIG,
  } as TopLevelSpec;
  const censoredGroups = values.filter((v) => v.censoredMedian !== null).length;
  const atStartGroups = values.filter((v) => v.median === 0).length;
  return {
    id: `${stat}-vs-${x.column}`.replace(/[^A-Za-z0-9_-]+/g, '-'),
    title: `${STAT_LABELS[stat]} against ${axisShortLabel(x.path)}`,
    caption:
      `Median over replicates (line), 10–90% range (bar); runs that never reached the event count as censored (+∞).` +
      (censoredGroups > 0 ? ` ${censoredGroups} group(s) have a censored median, drawn as ▲ at the horizon.` : '') +
      (atStartGroups > 0 ? ` ${atStartGroups} group(s) have a median of 0 (past the event at t = 0) and are not drawn on the log axis.` : '') +
      ' Log-log axes: a power law is a straight line.',
    spec,
  };
}
