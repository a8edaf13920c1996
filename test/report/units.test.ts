/** Pure parts of report/: Wilson intervals, option validation, words, figure choice. */
import t from 'tap';
import { parseHeatmap, REPORT_DEFAULTS, ReportOptionError, resolveReportOptions, wilsonInterval } from '../../report/index.js';
import { axisLabel, axisShortLabel, STAT_LABELS } from '../../report/labels.js';
import { findAxis, planFigures } from '../../report/plan.js';
import type { AxisColumn } from '../../report/store-reader.js';
import { STAT_NAMES } from '../../model/stats.js';

t.test('wilsonInterval matches a hand-computed 95% interval and stays in [0, 1]', async (t) => {
  // k = 10, n = 20: p = 0.5, centre 0.5, half-width z sqrt(pq/n + z^2/4n^2) / (1 + z^2/n).
  const z = 1.959963984540054;
  const half = (z * Math.sqrt(0.25 / 20 + (z * z) / 1600)) / (1 + (z * z) / 20);
  const w = wilsonInterval(10, 20);
  t.equal(w.fraction, 0.5);
  t.ok(Math.abs(w.low - (0.5 - half)) < 1e-12 && Math.abs(w.high - (0.5 + half)) < 1e-12);
  const zero = wilsonInterval(0, 10);
  t.equal(zero.low, 0);
  t.ok(zero.high > 0.2 && zero.high < 0.35, `upper bound at k=0, n=10 is ${zero.high}`);
  const all = wilsonInterval(10, 10);
  t.equal(all.high, 1);
  t.ok(all.low > 0.65 && all.low < 0.8);
  t.ok(Number.isNaN(wilsonInterval(0, 0).fraction));
});

t.test('parseHeatmap accepts stat:x,y and names the bad part otherwise', async (t) => {
  t.same(parseHeatmap('t_escape:model.initialPattern.gamma,model.successRate.rival'), {
    stat: 't_escape',
    x: 'model.initialPattern.gamma',
    y: 'model.successRate.rival',
  });
  t.throws(() => parseHeatmap('t_escape:gamma'), { name: 'ReportOptionError', field: 'heatmap', message: /STAT:AXIS_X,AXIS_Y/ });
  t.throws(() => parseHeatmap('speed:gamma,beta'), { name: 'ReportOptionError', field: 'heatmap.stat', message: /"speed".*acc0, acc_final/ });
});

t.test('resolveReportOptions applies defaults and rejects bad values', async (t) => {
  const r = resolveReportOptions('/x', {});
  t.equal(r.out, '/x/report');
  t.equal(r.maxTrajectories, REPORT_DEFAULTS.maxTrajectories);
  t.equal(r.pngScale, 2);
  t.throws(() => resolveReportOptions('/x', { maxTrajectories: 0 }), ReportOptionError);
  t.throws(() => resolveReportOptions('/x', { pngScale: 0 }), { name: 'ReportOptionError', field: 'pngScale' });
});

t.test('every statistic and the known axes have words, not column names', async (t) => {
  for (const s of STAT_NAMES) t.notMatch(STAT_LABELS[s], /_/, `${s}: ${STAT_LABELS[s]}`);
  t.equal(STAT_LABELS.t_escape, 'Time to escape the entanglement phase T0');
  t.match(axisLabel('model.initialPattern.gamma'), /imbalance γ/);
  t.equal(axisShortLabel('model.successRate.rival'), "p(r')");
  t.equal(axisLabel('model.fooBar'), 'Foo bar');
});

const axis = (path: string, values: (number | string)[]): AxisColumn => ({
  column: path.replace(/\./g, '_'),
  path,
  kind: typeof values[0] === 'string' ? 'enum' : 'numeric',
  values,
  distinct: values.length,
  min: typeof values[0] === 'number' ? Math.min(...(values as number[])) : NaN,
  max: typeof values[0] === 'number' ? Math.max(...(values as number[])) : NaN,
  log: false,
});

t.test('planFigures chooses figures from the axes', async (t) => {
  const gamma = axis('model.initialPattern.gamma', [2, 4, 8, 16]);
  const rival = axis('model.successRate.rival', [0.6, 0.7]);
  const plan = planFigures({ axes: [gamma, rival], hasTrajectories: true, regime2Runs: 8, convergedRuns: 8, heatmaps: [] });
  t.same(plan.map((p) => p.kind), ['trajectories', 'time-vs-axis', 'fractions', 'histogram', 'histogram', 'heatmap']);
  t.match(plan[1], { stat: 't_escape', x: { path: gamma.path }, series: { path: rival.path } });
  t.match(plan[5], { kind: 'heatmap', stat: 't_escape' });

  const eps = axis('epsilon', [1e-4, 1e-3, 1e-2]);
  const p1 = planFigures({ axes: [eps], hasTrajectories: false, regime2Runs: 0, convergedRuns: 0, heatmaps: [] });
  t.same(p1.map((p) => p.kind), ['time-vs-axis', 'fractions', 'histogram']);
  t.match(p1[0], { stat: 't_conv' });

  const none = planFigures({ axes: [], hasTrajectories: false, regime2Runs: 0, convergedRuns: 0, heatmaps: [] });
  t.same(none, [{ kind: 'fractions', by: null, panels: [] }, { kind: 'histogram', stat: 't_conv', by: null }]);
  t.match(plan[2], { kind: 'fractions', by: { path: gamma.path }, panels: [{ path: rival.path }] }, 'every other varying axis is a panel: no pooling');
  const many = axis('model.patterns', Array.from({ length: 13 }, (_, i) => i + 2));
  const crowded = planFigures({ axes: [gamma, many], hasTrajectories: false, regime2Runs: 0, convergedRuns: 0, heatmaps: [] });
  t.notOk(crowded.some((p) => p.kind === 'fractions'), 'more than 12 panels: no fractions figure rather than a pooled one');

  const rule = axis('algorithm.rule', ['euler', 'grpo', 'reinforce']);
  const p2 = planFigures({ axes: [rule], hasTrajectories: false, regime2Runs: 0, convergedRuns: 0, heatmaps: [] });
  t.match(p2, [{ kind: 'fractions', by: { path: 'algorithm.rule' } }, { kind: 'histogram', stat: 't_conv', by: { path: 'algorithm.rule' } }]);

  const asked = planFigures({ axes: [gamma, rival], hasTrajectories: false, regime2Runs: 0, convergedRuns: 0, heatmaps: [parseHeatmap('acc_final:gamma,rival')] });
  t.match(asked.at(-1), { kind: 'heatmap', stat: 'acc_final', x: { path: gamma.path }, y: { path: rival.path } });
  t.throws(() => findAxis([gamma, rival], 'beta', 'heatmap[0].x'), { field: 'heatmap[0].x', message: /axes are: model.initialPattern.gamma, model.successRate.rival/ });
});
