/**
 * Means of a few statistics of the final policy against one numeric axis, e.g.
 * pi(r*), entropy and KL(pi || pi_ref) at the end against beta: the
 * KL-regularised optimum of docs/model.md §4 (Prop. 5.2) moves from pi(r*) -> 1
 * (small beta) to pi_ref (large beta). One panel per statistic (each has its
 * own unit), with the closed form pi_beta ∝ pi_ref exp(R/beta) dashed when the
 * spec allows it.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { StatName } from '../../model/stats.js';
import { axisShortLabel, STAT_LABELS, STAT_SYMBOLS } from '../labels.js';
import type { StatMeans } from '../queries.js';
import type { AxisColumn } from '../store-reader.js';
import type { KlOptimum } from '../theory.js';
import { FIGURE_CONFIG, numberLabelExpr, numericPosition, type Figure } from './figure.js';

const CLOSED_FORM = 'closed form π_β ∝ π_ref·exp(R/β)';

const THEORY_FIELDS: Partial<Record<StatName, keyof KlOptimum>> = {
  pi_opt_final: 'piOpt',
  entropy_final: 'entropy',
  kl_ref_final: 'kl',
};

export function meansVsAxisFigure(rows: readonly StatMeans[], x: AxisColumn, theory: readonly KlOptimum[] | null = null): Figure {
  const stats = [...new Set(rows.map((r) => r.stat))];
  const position = numericPosition(x);
  const xEnc = { field: 'x', type: 'quantitative' as const, scale: position.scale, axis: position.axis, title: position.title };
  const single = rows.every((r) => r.n <= 1);
  const panel = (stat: StatName) => {
    const title = STAT_SYMBOLS[stat] ?? STAT_LABELS[stat];
    const measured = rows.filter((r) => r.stat === stat).map((r) => ({ x: r.x, mean: r.mean, n: r.n, what: single ? 'measured' : 'measured (mean)' }));
    const field = THEORY_FIELDS[stat];
    const curve = theory === null || field === undefined ? [] : theory.map((t) => ({ x: t.beta, mean: t[field] as number, what: CLOSED_FORM }));
    const measuredName = single ? 'measured' : 'measured (mean)';
    const domain = curve.length === 0 ? [measuredName] : [measuredName, CLOSED_FORM];
    const what = { field: 'what', type: 'nominal' as const, title: null, scale: { domain, range: ['#4c78a8', '#e45756'] }, legend: { labelLimit: 400 } };
    return {
      width: 420,
      height: 150,
      title: { text: title, fontSize: 12 },
      layer: [
        ...(curve.length === 0
          ? []
          : [{ data: { values: curve }, mark: { type: 'line', strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { x: xEnc, y: { field: 'mean', type: 'quantitative', title, axis: { labelExpr: numberLabelExpr() } }, color: what } }]),
        {
          data: { values: measured },
          mark: { type: 'point', filled: true, size: 60 },
          encoding: {
            x: xEnc,
            y: { field: 'mean', type: 'quantitative', title, axis: { labelExpr: numberLabelExpr() } },
            color: what,
            tooltip: [{ field: 'x' }, { field: 'mean', format: '.10g' }, { field: 'n' }],
          },
        },
      ],
    };
  };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `Final policy against ${axisShortLabel(x.path)}`,
    vconcat: stats.map(panel),
    resolve: { scale: { y: 'independent', color: 'shared' } },
    config: FIGURE_CONFIG,
  } as TopLevelSpec;
  const names = stats.map((s) => STAT_SYMBOLS[s] ?? STAT_LABELS[s]);
  return {
    id: `final-policy-vs-${x.column}`.replace(/[^A-Za-z0-9_-]+/g, '-'),
    title: `Final policy against ${axisShortLabel(x.path)}`,
    caption:
      `${single ? 'One run per value' : 'Mean over runs'} of ${axisShortLabel(x.path)}: ${names.join(', ')} at the end of training, one panel each (each has its own unit).` +
      (theory === null
        ? ''
        : ' Dashed: the KL-regularised optimum π_β(r) ∝ π_ref(r)·exp(R(r)/β) (Prop. 5.2, R(r) = p(r) under RLVR) and its entropy and KL to π_ref; a run that reached its fixed point sits on it.'),
    spec,
  };
}
