/**
 * Outcome fractions of docs/model.md §5 with 95% Wilson intervals: converged,
 * improved (final accuracy above the initial), degraded, ended on the worst
 * pattern, and rose at first (dACC/dt > 0 at t = 0, the RLIF statement of
 * docs/model.md §4). Against the first sweep axis when there is one.
 */
import type { TopLevelSpec } from 'vega-lite';
import { axisLabel, axisShortLabel } from '../labels.js';
import type { FractionCounts } from '../queries.js';
import type { AxisColumn } from '../store-reader.js';
import { wilsonInterval } from '../wilson.js';
import { FIGURE_CONFIG, formatValue, numericPosition, type Figure } from './figure.js';

export const OUTCOMES = [
  { key: 'converged', label: 'converged' },
  { key: 'improved', label: 'ended improved' },
  { key: 'degraded', label: 'ended degraded' },
  { key: 'endsOnWorst', label: 'ended on the worst pattern' },
  { key: 'roseFirst', label: 'accuracy rose at first' },
] as const;

export interface FractionRow {
  readonly group: number | string | null;
  readonly panel: string | null;
  readonly outcome: string;
  readonly k: number;
  readonly n: number;
  readonly fraction: number;
  readonly low: number;
  readonly high: number;
}

export function fractionRows(counts: readonly FractionCounts[]): FractionRow[] {
  return counts.flatMap((c) =>
    OUTCOMES.map(({ key, label }) => {
      const w = wilsonInterval(c[key], c.n);
      return {
        group: c.group,
        panel: c.panel === null ? null : String(c.panel),
        outcome: label,
        k: c[key],
        n: c.n,
        fraction: w.fraction,
        low: w.low,
        high: w.high,
      };
    }),
  );
}

export function fractionsFigure(counts: readonly FractionCounts[], by: AxisColumn | null, panel: AxisColumn | null = null): Figure {
  const rows = fractionRows(counts);
  const order = OUTCOMES.map((o) => o.label);
  const colour = { field: 'outcome', type: 'nominal' as const, sort: order, title: 'Outcome' };
  const y = { field: 'fraction', type: 'quantitative' as const, scale: { domain: [0, 1] }, title: 'Fraction of runs (95% Wilson interval)' };
  const tooltip = [{ field: 'outcome' }, { field: 'k' }, { field: 'n' }, { field: 'fraction', format: '.3f' }];
  let spec: TopLevelSpec;
  if (by === null) {
    spec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title: `Outcomes over all runs (n = ${counts[0]?.n ?? 0})`,
      width: 360,
      height: 260,
      data: { values: rows.map((r) => ({ ...r })) },
      encoding: { x: { field: 'outcome', type: 'nominal', sort: order, title: null, axis: { labelAngle: -20 } } },
      layer: [
        { mark: { type: 'bar', opacity: 0.8 }, encoding: { y, color: { ...colour, legend: null }, tooltip } },
        { mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } } },
      ],
      config: FIGURE_CONFIG,
    } as TopLevelSpec;
  } else {
    const numeric = by.kind === 'numeric';
    const x = numeric
      ? { field: 'group', type: 'quantitative' as const, ...numericPosition(by) }
      : { field: 'group', type: 'nominal' as const, title: axisLabel(by.path), axis: { labelAngle: 0 } };
    // Categories (e.g. training rules) are not ordered: dodge the outcomes side by side instead of joining them by lines.
    const offset = numeric ? {} : { xOffset: { field: 'outcome', type: 'nominal' as const, sort: order } };
    const inner = {
      width: panel === null ? 460 : 300,
      height: 280,
      encoding: { x, color: colour, ...offset },
      layer: [
        { mark: numeric ? { type: 'line', point: true } : { type: 'point', filled: true, size: 60 }, encoding: { y, tooltip } },
        { mark: { type: 'rule', strokeWidth: 1.5, opacity: 0.6 }, encoding: { y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } } },
      ],
    };
    const title = `Outcomes against ${axisShortLabel(by.path)}` + (panel === null ? '' : `, one panel per ${axisShortLabel(panel.path)}`);
    spec = (
      panel === null
        ? { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', title, data: { values: rows.map((r) => ({ ...r })) }, ...inner, config: FIGURE_CONFIG }
        : {
            $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
            title,
            data: { values: rows.map((r) => ({ ...r })) },
            facet: { column: { field: 'panel', type: 'nominal', title: axisLabel(panel.path) } },
            spec: inner,
            config: FIGURE_CONFIG,
          }
    ) as TopLevelSpec;
  }
  const groups =
    (by === null ? '' : ` per value of ${axisShortLabel(by.path)}${by.values.length === 0 ? ' (binned)' : ''}`) +
    (panel === null ? '' : ` and of ${axisShortLabel(panel.path)} (panels)`);
  return {
    id: by === null ? 'fractions' : `fractions-vs-${by.column}`.replace(/[^A-Za-z0-9_-]+/g, '-'),
    title: 'Outcome fractions',
    caption:
      `Fraction of runs${groups} that converged (π(r*) ≥ 1 − ε), ended with higher or lower accuracy than they started ` +
      `(changes below ${formatValue(1e-9)} count as neither), ended on the worst pattern, and whose accuracy rose at first; ` +
      'bars are 95% Wilson intervals.',
    spec,
  };
}
