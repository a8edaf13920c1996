/**
 * Means of a few statistics of the final policy against one numeric axis, e.g.
 * pi(r*), entropy and KL(pi || pi_ref) at the end against beta: the
 * KL-regularised optimum of docs/model.md §4 (Prop. 5.2) moves from pi(r*) -> 1
 * (small beta) to pi_ref (large beta).
 */
import type { TopLevelSpec } from 'vega-lite';
import { axisShortLabel, STAT_LABELS, STAT_SYMBOLS } from '../labels.js';
import type { StatMeans } from '../queries.js';
import type { AxisColumn } from '../store-reader.js';
import { FIGURE_CONFIG, numericPosition, type Figure } from './figure.js';

export function meansVsAxisFigure(rows: readonly StatMeans[], x: AxisColumn): Figure {
  const values = rows.map((r) => ({ x: r.x, statistic: STAT_SYMBOLS[r.stat] ?? STAT_LABELS[r.stat], mean: r.mean, n: r.n }));
  const order = [...new Set(values.map((v) => v.statistic))];
  const position = numericPosition(x);
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `Final policy against ${axisShortLabel(x.path)}`,
    width: 460,
    height: 280,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'x', type: 'quantitative', scale: position.scale, axis: position.axis, title: position.title },
      y: { field: 'mean', type: 'quantitative', title: 'Mean over runs' },
      color: { field: 'statistic', type: 'nominal', sort: order, title: null, scale: { scheme: 'tableau10' } },
      tooltip: [{ field: 'statistic' }, { field: 'x' }, { field: 'mean', format: '.6g' }, { field: 'n' }],
    },
    config: FIGURE_CONFIG,
  } as TopLevelSpec;
  return {
    id: `final-policy-vs-${x.column}`.replace(/[^A-Za-z0-9_-]+/g, '-'),
    title: `Final policy against ${axisShortLabel(x.path)}`,
    caption: `Mean over runs of ${order.join(', ')} at the end of training, per value of ${axisShortLabel(x.path)}.`,
    spec,
  };
}
