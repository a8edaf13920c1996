/**
 * A time statistic (T0 = t_escape, or t_conv) against a numeric sweep axis,
 * log-log: the regime-2 plot of docs/model.md §4 (the log-log slope of T0
 * rises with gamma towards R - 1, T0 ~ K gamma^(R-1), §4.3) and the regime-1 plot of
 * t_conv against eps (slope -1, O(1/eps)). Medians are censored-aware; a
 * median that is censored is drawn as a triangle at the horizon, never as a number.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { StatName } from '../../model/stats.js';
import { axisShortLabel, STAT_LABELS, STAT_SYMBOLS } from '../labels.js';
import type { TimeQuantiles } from '../queries.js';
import type { AxisColumn } from '../store-reader.js';
import {
  colourScheme,
  colourType,
  FIGURE_CONFIG,
  logAxisFormat,
  numericPosition,
  positiveRange,
  type Figure,
} from './figure.js';

/** What a time of 0 means, for the label of the bottom edge (docs/model.md §5: the run started past the event). */
export function zeroTimeMeaning(stat: StatName): string {
  if (stat === 't_escape') return 'already escaped';
  if (stat === 't_conv') return 'converged at start';
  return 'at t = 0';
}

/**
 * Ticks of a log time axis (or log colour legend): every decade in [lo, hi], with 2x and 5x added when
 * fewer than three decades fit, so the axis always carries a few labels.
 */
export function logTicks(lo: number, hi: number): number[] {
  const decades: number[] = [];
  for (let k = Math.ceil(Math.log10(lo) - 1e-9); 10 ** k <= hi * (1 + 1e-9); k++) decades.push(10 ** k);
  if (decades.length >= 3) return decades;
  const finer: number[] = [];
  for (let k = Math.floor(Math.log10(lo)); 10 ** k <= hi; k++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** k;
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) finer.push(Number(v.toPrecision(12)));
    }
  }
  // Less than a factor 2 or 5 wide: the ends themselves, around any round value between them.
  return finer.length >= 2 ? finer : [...new Set([lo, ...finer, hi])];
}

export function timeVsAxisFigure(
  stat: StatName,
  rows: readonly TimeQuantiles[],
  x: AxisColumn,
  series: AxisColumn | null,
): Figure {
  // A log axis cannot show 0 (runs that start past the event, e.g. SFT runs already in regime 1): zeros are
  // drawn on a bottom edge one decade below the smallest positive time and labelled "0" there, never dropped.
  const range = positiveRange(rows.flatMap((r) => [r.p10, r.median, r.p90, r.median === null || r.p90 === null ? r.horizon : null]));
  const hasZero = rows.some((r) => r.p10 === 0 || r.median === 0 || r.p90 === 0);
  const lo = Number.isFinite(range.min) ? range.min : 1;
  const hi = Number.isFinite(range.max) ? range.max : 10;
  const zeroAt = hasZero ? 10 ** (Math.floor(Math.log10(lo)) - 1) : null;
  const onAxis = (v: number | null): number | null => (v === 0 && zeroAt !== null ? zeroAt : v);
  const values = rows.map((r) => ({
    x: r.x,
    series: r.series,
    n: r.n,
    censored: r.censored,
    median: r.median !== null && r.median > 0 ? r.median : null,
    zeroMedian: r.median === 0 ? zeroAt : null,
    low: onAxis(r.p10),
    // A censored upper quantile is only known to exceed the horizon: draw the bar up to it.
    high: onAxis(r.p90 ?? r.horizon),
    censoredMedian: r.median === null ? r.horizon : null,
  }));
  const position = numericPosition(x);
  const xEnc = { field: 'x', type: 'quantitative' as const, scale: position.scale, axis: position.axis, title: position.title };
  const colour =
    series === null
      ? { value: '#4c78a8' }
      : { field: 'series', type: colourType(series), title: axisShortLabel(series.path), scale: colourScheme(series) };
  const yTitle = `${STAT_SYMBOLS[stat] ?? STAT_LABELS[stat]}, median (log scale)`;
  const format = logAxisFormat(zeroAt ?? lo, hi);
  const yScale =
    zeroAt === null
      ? { type: 'log' as const, nice: false }
      : { type: 'log' as const, nice: false, domain: [zeroAt, hi * 1.5] };
  const yAxis =
    zeroAt === null
      ? { format }
      : {
          values: [zeroAt, ...logTicks(zeroAt * 10, hi * 1.5)],
          // The bottom tick stands for 0; every other tick uses the one format of this axis.
          labelExpr: `datum.value <= ${zeroAt} ? '0' : format(datum.value, '${format}')`,
        };
  const y = (field: string) => ({ field, type: 'quantitative' as const, scale: yScale, axis: yAxis, title: yTitle });
  const zeroLabel = `0 (${zeroTimeMeaning(stat)})`;
  const zeroX = values.filter((v) => v.zeroMedian !== null).map((v) => v.x as number);
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
        encoding: { x: xEnc, y: y('low'), y2: { field: 'high' }, color: colour },
      },
      {
        transform: [{ filter: 'datum.median != null && datum.median > 0' }],
        mark: { type: 'line', point: true },
        encoding: { x: xEnc, y: y('median'), color: colour, tooltip: [{ field: 'n' }, { field: 'censored' }] },
      },
      {
        transform: [{ filter: 'datum.censoredMedian != null && datum.censoredMedian > 0' }],
        mark: { type: 'point', shape: 'triangle-up', filled: true, size: 90 },
        encoding: { x: xEnc, y: y('censoredMedian'), color: colour },
      },
      ...(zeroAt === null
        ? []
        : [
            {
              transform: [{ filter: 'datum.zeroMedian != null' }],
              mark: { type: 'point', shape: 'triangle-down', filled: true, size: 90 },
              encoding: { x: xEnc, y: y('zeroMedian'), color: colour, tooltip: [{ field: 'x' }, { field: 'n' }] },
            },
            {
              // One label for the whole edge, just above the leftmost zero marker.
              data: { values: [{ x: Math.min(...zeroX), y: zeroAt, text: zeroLabel }] },
              mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, dy: -8, fontSize: 11, color: '#444444' },
              encoding: { x: xEnc, y: y('y'), text: { field: 'text' } },
            },
          ]),
    ],
    config: FIGURE_CONFIG,
  } as TopLevelSpec;
  const censoredGroups = values.filter((v) => v.censoredMedian !== null).length;
  const atStartGroups = values.filter((v) => v.zeroMedian !== null).length;
  return {
    id: `${stat}-vs-${x.column}`.replace(/[^A-Za-z0-9_-]+/g, '-'),
    title: `${STAT_LABELS[stat]} against ${axisShortLabel(x.path)}`,
    caption:
      `Median over replicates (line), 10–90% range (bar); runs that never reached the event count as censored (+∞).` +
      (censoredGroups > 0 ? ` ${censoredGroups} group(s) have a censored median, drawn as ▲ at the horizon.` : '') +
      (atStartGroups > 0
        ? ` ${atStartGroups} group(s) have a median of 0 (${zeroTimeMeaning(stat)}), drawn as ▼ on the bottom edge labelled 0.`
        : '') +
      ' Log-log axes: a power law is a straight line.',
    spec,
  };
}
