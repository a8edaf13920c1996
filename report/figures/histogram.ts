/**
 * Histogram of a time statistic (t_conv, t_escape) over log-spaced bins, with
 * the runs that never reached the event in a separate bar labelled
 * "censored" (docs/model.md §5: censored times are reported apart, never binned
 * as if finished) and runs that started past it in an "at start" bar. With a
 * few-valued axis (e.g. the training rule) the groups are overlaid in colour.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { StatName } from '../../model/stats.js';
import { axisShortLabel, inSentence, STAT_LABELS } from '../labels.js';
import type { TimeHistogram } from '../queries.js';
import type { AxisColumn } from '../store-reader.js';
import { colourScheme, colourType, FIGURE_CONFIG, logAxisFormat, positiveRange, type Figure } from './figure.js';

export function histogramFigure(stat: StatName, histogram: TimeHistogram, by: AxisColumn | null = null): Figure {
  const label = STAT_LABELS[stat];
  const apart = histogram.apart.flatMap((a) => [
    ...(histogram.atStart > 0 ? [{ group: a.group, category: 'at start', count: a.atStart }] : []),
    { group: a.group, category: 'censored', count: a.censored },
  ]);
  const maxCount = Math.max(1, ...histogram.bins.map((b) => b.count), ...apart.map((a) => a.count));
  const yScale = { domain: [0, maxCount] };
  const binRange = positiveRange(histogram.bins.flatMap((b) => [b.low, b.high]));
  const timeFormat = logAxisFormat(binRange.min, binRange.max);
  const colour =
    by === null
      ? { value: '#4c78a8' }
      : { field: 'group', type: colourType(by), title: axisShortLabel(by.path), scale: colourScheme(by) };
  const categories = histogram.atStart > 0 ? 2 : 1;
  const groups = by === null ? 1 : histogram.apart.length;
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `${label}: distribution over ${histogram.n} runs`,
    hconcat: [
      {
        width: 380,
        height: 240,
        data: { values: histogram.bins.map((b) => ({ ...b })) },
        mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5, opacity: by === null ? 1 : 0.55 },
        encoding: {
          x: { field: 'low', type: 'quantitative', scale: { type: 'log' }, axis: { format: timeFormat }, title: `${label} (log scale)` },
          x2: { field: 'high' },
          y: { field: 'count', type: 'quantitative', scale: yScale, title: 'Runs' },
          y2: { datum: 0 },
          color: colour,
          tooltip: [{ field: 'low', format: '.3g' }, { field: 'high', format: '.3g' }, { field: 'count' }],
        },
      },
      {
        width: 60 * categories * groups,
        height: 240,
        data: { values: apart },
        encoding: {
          x: { field: 'category', type: 'nominal', title: null, axis: { labelAngle: 0 } },
          ...(by === null ? {} : { xOffset: { field: 'group', type: colourType(by) } }),
          y: { field: 'count', type: 'quantitative', scale: yScale, title: null },
        },
        layer: [
          { mark: by === null ? { type: 'bar', color: '#e45756' } : { type: 'bar' }, encoding: by === null ? {} : { color: colour } },
          { mark: { type: 'text', dy: -6 }, encoding: { text: { field: 'count', type: 'quantitative' } } },
        ],
      },
    ],
    resolve: { scale: { color: 'shared' } },
    config: FIGURE_CONFIG,
  } as TopLevelSpec;
  return {
    id: `histogram-${stat}`,
    title: `Distribution of ${inSentence(label)}`,
    caption:
      `${histogram.n - histogram.censored - histogram.atStart} runs reached the event and are binned (${histogram.binsPerDecade} bins per decade)` +
      (by === null ? '' : `, coloured by ${axisShortLabel(by.path)}`) +
      `; censored: ${histogram.censored} (never reached before the horizon)` +
      (histogram.atStart > 0 ? `; at start: ${histogram.atStart} (already past it at t = 0)` : '') +
      '.',
    spec,
  };
}
