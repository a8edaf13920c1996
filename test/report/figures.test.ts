/**
 * Figure specs and their SVGs on hand-made inputs (no store): zeros on log
 * time scales, symmetric-log SFT axes, one number format per log axis, and
 * trajectories told apart by a second axis. Assertions read the Vega-Lite
 * spec or the SVG Vega renders from it, never pixels.
 */
import t from 'tap';
import { heatmapFigure } from '../../report/figures/heatmap.js';
import { histogramFigure } from '../../report/figures/histogram.js';
import { logAxisFormat, numericPosition } from '../../report/figures/figure.js';
import { logTicks, timeVsAxisFigure } from '../../report/figures/time-vs-axis.js';
import { trajectoryFigure } from '../../report/figures/trajectories.js';
import { planFigures } from '../../report/plan.js';
import type { HeatmapCell, TimeQuantiles, TrajectoryPoint } from '../../report/queries.js';
import { figureToSvg } from '../../report/render.js';
import type { AxisColumn } from '../../report/store-reader.js';

const axis = (path: string, values: (number | string)[]): AxisColumn => {
  const numbers = values.filter((v): v is number => typeof v === 'number');
  const min = numbers.length > 0 ? Math.min(...numbers) : NaN;
  const max = numbers.length > 0 ? Math.max(...numbers) : NaN;
  return {
    column: path.replace(/[^A-Za-z0-9]+/g, '_'),
    path,
    kind: numbers.length === values.length ? 'numeric' : 'enum',
    values,
    distinct: values.length,
    min,
    max,
    log: min > 0 && max / min >= 20,
  };
};

/** Texts of every `<text>` inside the SVG groups whose class contains `role` (e.g. "role-axis-label"), per group. */
function textsByGroup(svg: string, role: string): string[][] {
  const groups = svg.split(`class="mark-text ${role}`).slice(1);
  return groups.map((g) => [...g.slice(0, g.indexOf('</g>')).matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]));
}

/** Fill colours ("#rrggbb" or "rgb(r, g, b)" as Vega writes them) of the rect marks (heatmap cells), in drawing order. */
function rectFills(svg: string): string[] {
  return svg
    .split('class="mark-rect role-mark')
    .slice(1)
    .flatMap((g) => [...g.slice(0, g.indexOf('</g>')).matchAll(/<path[^>]*fill="([^"]+)"/g)].map((m) => m[1].toLowerCase()));
}

const steps = axis('sft.steps', [0, 3, 10, 30, 100, 300]);
const rate = axis('sft.rate', [0.03, 0.1]);

/** T0 medians of examples/sft.yaml (README findings): 0 once SFT has moved the run into regime 1. */
const SFT_T0: Record<number, readonly number[]> = {
  0.03: [1.07e6, 6.7e5, 2.2e5, 9570, 13, 0],
  0.1: [1.07e6, 2.2e5, 5650, 13, 0, 0],
};

t.test('heatmap of a time with zeros: zeros get their own colour and label, the log ramp covers the rest', async (t) => {
  const cells: HeatmapCell[] = Object.entries(SFT_T0).flatMap(([r, t0s]) =>
    t0s.map((v, i) => ({ x: steps.values[i] as number, y: Number(r), n: 1, value: v, censored: 0 })),
  );
  const figure = heatmapFigure('t_escape', cells, steps, rate);
  const layers = (figure.spec as { layer: Record<string, any>[] }).layer;
  const ramp = layers.find((l) => l.encoding?.color?.field === 'value');
  t.ok(ramp, 'a layer coloured by value');
  t.equal(ramp?.encoding.color.scale.type, 'log', 'log colour scale for times');
  t.same(ramp?.transform, [{ filter: 'datum.special == null' }], 'the log scale sees positive values only');
  const zero = layers.find((l) => l.encoding?.fill !== undefined);
  t.same(zero?.encoding.fill.scale.domain, ['0 (already escaped)'], 'zero cells are a named category');
  t.match(figure.caption, /3 cell\(s\) have a median of 0 \(already escaped\)/);

  const svg = await figureToSvg(figure);
  const fills = rectFills(svg);
  t.equal(fills.length, 12, 'every cell drawn');
  t.equal(fills.filter((f) => f === '#d6404e').length, 3, 'the three zero cells share the zero colour');
  t.ok(new Set(fills).size >= 6, `positive cells spread over the ramp (${new Set(fills).size} colours)`);
  const legendLabels = textsByGroup(svg, 'role-legend-label').flat();
  t.ok(legendLabels.includes('0 (already escaped)'), `legend names the zero colour: ${legendLabels.join(' | ')}`);
  const rampLabels = legendLabels.filter((l) => l !== '0 (already escaped)');
  t.ok(rampLabels.length >= 3, `the ramp legend has several values: ${rampLabels.join(' | ')}`);
  t.ok(rampLabels.every((l) => /^(\d(\.\d+)?×)?10[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/.test(l)), `one power-of-ten form on the ramp legend: ${rampLabels.join(' | ')}`);
});

t.test('heatmap without zeros keeps grey censored cells and no zero entry', async (t) => {
  const cells: HeatmapCell[] = [
    { x: 2, y: 0.6, n: 2, value: 7.5, censored: 0 },
    { x: 8, y: 0.6, n: 2, value: 900, censored: 0 },
    { x: 2, y: 0.7, n: 2, value: 30, censored: 0 },
    { x: 8, y: 0.7, n: 2, value: null, censored: 2 },
  ];
  const svg = await figureToSvg(heatmapFigure('t_escape', cells, axis('model.initialPattern.gamma', [2, 8]), axis('model.successRate.rival', [0.6, 0.7])));
  const fills = rectFills(svg);
  t.equal(fills.filter((f) => f === '#bbbbbb').length, 1, 'one grey censored cell');
  t.notOk(fills.includes('#d6404e'), 'no zero colour');
  t.ok(textsByGroup(svg, 'role-legend-label').flat().includes('censored median'));
});

/** Quantile rows of one group per (steps, rate) with all replicates equal to `v`. */
const quantiles = (x: number, series: number | null, v: number): TimeQuantiles => ({
  x,
  series,
  n: 2,
  censored: 0,
  p10: v,
  median: v,
  p90: v,
  horizon: Math.max(v, 1e9),
});

t.test('a log time plot shows T0 = 0 on its bottom edge instead of dropping it', async (t) => {
  const rows = Object.entries(SFT_T0).flatMap(([r, t0s]) => t0s.map((v, i) => quantiles(steps.values[i] as number, Number(r), v)));
  const figure = timeVsAxisFigure('t_escape', rows, steps, rate);
  t.match(figure.caption, /3 group\(s\) have a median of 0 \(already escaped\), drawn as ▼ on the bottom edge/);
  t.notMatch(figure.caption, /not drawn/);
  const values = (figure.spec as { data: { values: Record<string, any>[] } }).data.values;
  const zeros = values.filter((v) => v.zeroMedian !== null);
  t.same(zeros.map((v) => [v.x, v.series]), [[300, 0.03], [100, 0.1], [300, 0.1]], 'every zero median kept');
  t.ok(zeros.every((v) => v.zeroMedian > 0 && v.zeroMedian < 13), 'placed below the smallest positive T0');

  const svg = await figureToSvg(figure);
  const [xLabels, yLabels] = textsByGroup(svg, 'role-axis-label');
  t.same(xLabels, ['0', '3', '10', '30', '100', '300'], 'x axis reaches the zero points and labels every grid value');
  t.equal(yLabels[0], '0', 'the bottom tick is labelled 0');
  t.ok(yLabels.slice(1).every((l) => /^10[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/.test(l)), `decades in one format: ${yLabels.join(' | ')}`);
  t.match(svg, />0 \(already escaped\)</, 'the edge is explained on the figure');
});

t.test('SFT steps use a symmetric-log axis with the grid values as ticks and say so', async (t) => {
  const rows = [0, 3, 10, 30, 100, 300].map((s) => quantiles(s, null, 1000 / (s + 1)));
  const svg = await figureToSvg(timeVsAxisFigure('t_conv', rows, steps, null));
  t.same(textsByGroup(svg, 'role-axis-label')[0], ['0', '3', '10', '30', '100', '300']);
  t.ok(textsByGroup(svg, 'role-axis-title').flat().includes('SFT warm-start steps (symmetric log scale)'));
  const position = numericPosition(steps);
  t.match(position.scale, { type: 'symlog' });
  t.same(position.axis.values, [0, 3, 10, 30, 100, 300]);
  t.equal(position.title, 'SFT warm-start steps (symmetric log scale)');
  const many = axis('sft.steps', Array.from({ length: 40 }, (_, i) => i * 10));
  t.equal(numericPosition(many).axis.values, undefined, 'a long grid leaves the ticks to Vega');
  t.equal(numericPosition(axis('model.initialPattern.gamma', [2, 4, 8, 16])).title, 'Initial imbalance γ of the optimal pattern (log scale)');
  t.same(numericPosition(axis('beta', [0.5, 1, 1.5])).axis, {}, 'linear axes unchanged');
});

t.test('log axes use one number format', async (t) => {
  // Regime-2 T0 over many decades: Vega's default put "10,000,000,000" next to "1e+12".
  const rows = [2, 4, 8, 16, 32].map((g, i) => quantiles(g, null, 10 ** (8 + i)));
  const svg = await figureToSvg(timeVsAxisFigure('t_escape', rows, axis('model.initialPattern.gamma', [2, 4, 8, 16, 32]), null));
  const [xLabels, yLabels] = textsByGroup(svg, 'role-axis-label');
  t.same(xLabels, ['2', '4', '8', '16', '32']);
  t.ok(yLabels.length >= 3, `${yLabels.length} y labels`);
  t.ok(yLabels.every((l) => /^(\d(\.\d)?×)?10[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/.test(l)), `all y labels as powers of ten: ${yLabels.join(' | ')}`);

  const histogram = histogramFigure('t_escape', {
    bins: [1e9, 1e10, 1e11, 1e12].map((low) => ({ group: null, low, high: low * 10, count: 3 })),
    apart: [{ group: null, atStart: 0, censored: 1 }],
    atStart: 0,
    censored: 1,
    n: 13,
    binsPerDecade: 1,
  });
  const histogramSvg = await figureToSvg(histogram);
  const timeLabels = textsByGroup(histogramSvg, 'role-axis-label')[0];
  t.ok(timeLabels.length >= 3 && timeLabels.every((l) => /^(\d(\.\d)?×)?10[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/.test(l)), `histogram time axis: ${timeLabels.join(' | ')}`);
  t.equal(logAxisFormat(1e10, 1e12), '.2~e');
  t.equal(logAxisFormat(13, 1e6), '.2~e');
  t.equal(logAxisFormat(1e-4, 0.1), '.2~e');
  t.equal(logAxisFormat(2, 500), '.3~g');
  t.same(logTicks(10, 1e6), [10, 100, 1000, 1e4, 1e5, 1e6]);
  t.same(logTicks(3, 60), [5, 10, 20, 50]);
  t.same(logTicks(64, 137), [64, 100, 137]);

});

t.test('trajectories from two values of a second axis differ in dash, not only colour', async (t) => {
  const patterns = axis('model.patterns', [10, 100]);
  const low = axis('model.successRate.uniform[0]', [0, 0.5]);
  const points: TrajectoryPoint[] = [];
  let run = 0;
  for (const r of [10, 100]) {
    for (const l of [0, 0.5]) {
      run++;
      for (const time of [0.1, 1, 10, 100]) points.push({ run, time, acc: l + 0.1 * Math.log10(time * 10) / 3, piOpt: 0.5, colour: r, style: l });
    }
  }
  const figure = trajectoryFigure(points, patterns, low);
  const panels = (figure.spec as { vconcat: { encoding: Record<string, any> }[] }).vconcat;
  for (const p of panels) t.match(p.encoding.strokeDash, { field: 'style', type: 'nominal', title: 'low of p ~ U[low, high]' });
  t.match(figure.caption, /Colour: R\. Line dash: low of p ~ U\[low, high\]\./);
  const svg = await figureToSvg(figure);
  t.same(textsByGroup(svg, 'role-legend-title').flat(), ['R', 'low of p ~ U[low, high]'], 'a legend for each channel');
  const dashes = new Set([...svg.matchAll(/stroke-dasharray="([^"]+)"/g)].map((m) => m[1]));
  t.ok(dashes.size >= 2, `lines differ in dash pattern (${[...dashes].join(' / ')})`);

  const single = trajectoryFigure(points.map((p) => ({ ...p, style: null })), patterns, null);
  const singlePanels = (single.spec as { vconcat: { encoding: Record<string, unknown> }[] }).vconcat;
  t.equal(singlePanels[0].encoding.strokeDash, undefined, 'no dash without a second axis');

  const plan = planFigures({ axes: [patterns, low], hasTrajectories: true, regime2Runs: 0, convergedRuns: 0, heatmaps: [] });
  t.match(plan[0], { kind: 'trajectories', colour: { path: 'model.patterns' }, style: { path: 'model.successRate.uniform[0]' } });
});
