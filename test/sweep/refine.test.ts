/**
 * sweep/refine.ts and the refine section: every validation message, the
 * worst-case size, explicit point lists in the index space, and the level
 * planner against the closed-form regime boundary p(r') = 0.1 + 0.8 / gamma
 * (docs/model.md §4), with aggregates from that formula (no simulation).
 */
import t from 'tap';
import { buildBatches, decodeRun, parseSpec, planSweep, specHash, SpecError } from '../../sweep/index.js';
import {
  axisValueAt,
  gridPointKey,
  latticePoint,
  level0Cells,
  level0Points,
  levelSpec,
  planNextLevel,
  refineLattice,
  refineWorstCase,
  type PointAggregate,
  type RefineCell,
  type RefinePoint,
} from '../../sweep/refine.js';

const BASE = `name: refine-test
seed: 16
model:
  patterns: 7
  successRate: { optimal: 0.9, rival: 0.5, rest: 0.1 }
  initialPattern: { gamma: 6, rival: 0.7 }
horizon: { tMax: 1, maxSteps: 10 }
grid:
  model.initialPattern.gamma: { logspace: [1.5, 30, 9] }
  model.successRate.rival: { linspace: [0.12, 0.88, 9] }
`;
const REFINE = (body: string) => `${BASE}refine:\n${body}`;
const GOOD = REFINE(`  axes: [model.initialPattern.gamma, model.successRate.rival]
  quantity: regime
  levels: 5
  budget: 100000
`);

function issues(text: string): string[] {
  try {
    parseSpec(text, 's.yaml');
  } catch (error) {
    if (error instanceof SpecError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

t.test('the refine section: normalised form, and no key (same hash) without it', async (t) => {
  const spec = parseSpec(GOOD);
  t.same(spec.refine, {
    axes: ['model.initialPattern.gamma', 'model.successRate.rival'],
    quantity: { kind: 'regime' },
    levels: 5,
    budget: 100000,
    split: { kind: 'disagree' },
  });
  const plain = parseSpec(BASE);
  t.notOk('refine' in plain, 'absent when not written');
  t.not(specHash(spec), specHash(plain));
  const share = parseSpec(REFINE(`  axes: [model.successRate.rival]\n  quantity: {share: ends_on_worst, level: 0.25}\n  levels: 2\n  budget: 1000\n`));
  t.same(share.refine?.quantity, { kind: 'share', statistic: 'ends_on_worst', level: 0.25 });
  const time = parseSpec(REFINE(`  axes: [model.successRate.rival]\n  quantity: {time: t_escape, level: 1000}\n  levels: 2\n  budget: 1000\n`));
  t.same(time.refine?.quantity, { kind: 'time', statistic: 't_escape', level: 1000 });
});

t.test('every refine message names the field, the value and what is allowed', async (t) => {
  const cases: [string, string][] = [
    [`  axes: [beta]\n  quantity: regime\n  levels: 2\n  budget: 1000\n`, 'refine.axes[0]: "beta" is not a grid axis; grid axes: model.initialPattern.gamma, model.successRate.rival'],
    [`  axes: []\n  quantity: regime\n  levels: 2\n  budget: 1000\n`, 'refine.axes: [] is not a list of 1 to 3 grid axis paths'],
    [`  quantity: regime\n  levels: 2\n  budget: 1000\n`, 'refine.axes: missing; required: a list of 1 to 3 grid axis paths'],
    [
      `  axes: [model.successRate.rival, model.successRate.rival]\n  quantity: regime\n  levels: 2\n  budget: 1000\n`,
      'refine.axes[1]: "model.successRate.rival" is repeated; each refined axis must be distinct',
    ],
    [`  axes: [model.successRate.rival]\n  quantity: phase\n  levels: 2\n  budget: 1000\n`, 'refine.quantity: "phase" is not regime, {share: converged|escaped|ends_on_opt|ends_on_worst|diverged, level: (0, 1)} or {time: t_escape|t_conv|t_peak, level: > 0}'],
    [`  axes: [model.successRate.rival]\n  quantity: {share: acc0, level: 0.5}\n  levels: 2\n  budget: 1000\n`, 'refine.quantity.share: "acc0" is not one of converged, escaped, ends_on_opt, ends_on_worst, diverged'],
    [`  axes: [model.successRate.rival]\n  quantity: {share: converged, level: 1}\n  levels: 2\n  budget: 1000\n`, 'refine.quantity.level: 1 is not in (0, 1)'],
    [`  axes: [model.successRate.rival]\n  quantity: {time: t_conv, level: 0}\n  levels: 2\n  budget: 1000\n`, 'refine.quantity.level: 0 is not > 0'],
    [`  axes: [model.successRate.rival]\n  quantity: {time: t_conv, level: 5, at: 1}\n  levels: 2\n  budget: 1000\n`, 'refine.quantity.at: unknown field; allowed: time, level'],
    [`  axes: [model.successRate.rival]\n  quantity: regime\n  levels: 0\n  budget: 1000\n`, 'refine.levels: 0 is not in [1, 20]'],
    [`  axes: [model.successRate.rival]\n  quantity: regime\n  levels: 2\n  budget: 10\n`, 'refine.budget: 10 runs is less than the 81 runs of level 0 (the grid as written)'],
    [`  axes: [model.successRate.rival]\n  quantity: regime\n  levels: 2\n  budget: 1000\n  loss: max\n`, 'refine.loss: unknown field; allowed: axes, quantity, levels, budget, split'],
  ];
  cases.push(
    [`  axes: [model.successRate.rival]\n  quantity: regime\n  levels: 2\n  budget: 1000\n  split: all\n`, 'refine.split: "all" is not disagree or {largest: N} (N cells per level, an integer >= 1)'],
    [`  axes: [model.successRate.rival]\n  quantity: regime\n  levels: 2\n  budget: 1000\n  split: {largest: 0}\n`, 'refine.split.largest: 0 is not in [1, 1e9]'],
  );
  for (const [body, message] of cases) t.same(issues(REFINE(body)), [message], message);
  t.same(
    issues(`${BASE}  reward: [rlvr, self-certainty]\nrefine:\n  axes: [reward]\n  quantity: regime\n  levels: 2\n  budget: 1000\n`),
    ['refine.axes[0]: reward is an enum axis; only numeric axes can be refined'],
  );
  t.same(
    issues(REFINE(`  axes: [model.successRate.rival]\n  quantity: {share: converged, level: 0.5}\n  levels: 2\n  budget: 1000\n`).replace('horizon:', 'keep: { statistics: [acc0] }\nhorizon:')),
    ['refine.quantity: reads statistic converged, which keep.statistics does not keep'],
  );
  t.same(
    issues(`${REFINE(`  axes: [model.successRate.rival]\n  quantity: regime\n  levels: 2\n  budget: 2000\n`)}limits: { maxRuns: 1000 }\n`),
    ['refine.budget: 2000 runs exceeds limits.maxRuns (1000); raise limits.maxRuns on purpose'],
  );
});

t.test('worst case: every cell splits every level', async (t) => {
  const w = refineWorstCase(parseSpec(GOOD));
  t.same(w.pointsByLevel, [81, 17 * 17, 33 * 33, 65 * 65, 129 * 129, 257 * 257]);
  t.equal(w.maxRuns, Math.min(100000, 257 * 257));
  const capped = refineWorstCase(parseSpec(GOOD.replace('budget: 100000', 'budget: 5000')));
  t.equal(capped.maxRuns, 5000);
});

t.test('lattice values: level-0 points are the grid values exactly; log axes interpolate geometrically', async (t) => {
  const lattice = refineLattice(parseSpec(GOOD));
  const plan = planSweep(parseSpec(GOOD));
  const gamma = lattice.refined[0];
  t.equal(lattice.scale, 32);
  for (let g = 0; g < level0Points(lattice); g++) {
    const key = gridPointKey(lattice, g);
    const [slice, coords] = key.split(':');
    const p = latticePoint(lattice, Number(slice), coords.split(',').map(Number));
    const d = plan.describe(g);
    t.same(p.values, [d.axes['model.initialPattern.gamma'], d.axes['model.successRate.rival']], `grid point ${g}`);
  }
  const mid = axisValueAt(gamma, 32, 16);
  t.ok(Math.abs(mid - Math.sqrt(gamma.values[0] * gamma.values[1])) < 1e-12, 'geometric midpoint on a logspace axis');
  const rival = lattice.refined[1];
  t.ok(Math.abs(axisValueAt(rival, 32, 16) - (rival.values[0] + rival.values[1]) / 2) < 1e-15, 'arithmetic midpoint otherwise');
});

/** Regime from the closed form: 2 when p(r') > 0.1 + 0.8 / gamma (docs/model.md §4), else 1. */
const regimeOf = (values: readonly (number | string)[]) => ((values[1] as number) > 0.1 + 0.8 / (values[0] as number) ? 2 : 1);

function refineByFormula(text: string) {
  const spec = parseSpec(text);
  const lattice = refineLattice(spec);
  const aggregates = new Map<string, PointAggregate>();
  const all: RefinePoint[] = [];
  for (let g = 0; g < level0Points(lattice); g++) {
    const [slice, coords] = gridPointKey(lattice, g).split(':');
    all.push(latticePoint(lattice, Number(slice), coords.split(',').map(Number)));
  }
  for (const p of all) aggregates.set(p.key, { value: regimeOf(p.values) });
  let cells: readonly RefineCell[] = level0Cells(lattice);
  const perLevel = [all.length];
  let runs = all.length;
  let last: readonly RefineCell[] = cells;
  for (let level = 1; level <= spec.refine!.levels; level++) {
    const next = planNextLevel({ lattice, cells, aggregates, runsSpent: runs });
    if (next.points.length === 0) break;
    for (const p of next.points) {
      t.notOk(aggregates.has(p.key), `level ${level}: ${p.key} is new`);
      aggregates.set(p.key, { value: regimeOf(p.values) });
      all.push(p);
    }
    runs += next.points.length;
    perLevel.push(next.points.length);
    cells = next.cells;
    last = next.cells;
    if (next.budgetExhausted) break;
  }
  return { lattice, aggregates, all, perLevel, last, runs };
}

t.test('planned levels follow the closed-form regime boundary to within one finest cell', async (t) => {
  const { lattice, aggregates, all, last } = refineByFormula(GOOD);
  const [gamma, rival] = lattice.refined;
  // The finest cells whose corners disagree straddle the boundary; each must contain the curve.
  let straddling = 0;
  for (const cell of last) {
    const cs = [0, 1].flatMap((i) => [0, 1].map((j) => [cell.lower[0] + i * cell.size[0], cell.lower[1] + j * cell.size[1]]));
    const classes = new Set(cs.map((c) => aggregates.get(`${cell.slice}:${c.join(',')}`)!.value));
    if (classes.size < 2) continue;
    straddling++;
    const g0 = axisValueAt(gamma, lattice.scale, cell.lower[0]);
    const g1 = axisValueAt(gamma, lattice.scale, cell.lower[0] + cell.size[0]);
    const r0 = axisValueAt(rival, lattice.scale, cell.lower[1]);
    const r1 = axisValueAt(rival, lattice.scale, cell.lower[1] + cell.size[1]);
    const curve = (g: number) => 0.1 + 0.8 / g;
    t.ok(curve(g1) <= r1 && curve(g0) >= r0, `cell gamma [${g0}, ${g1}] rival [${r0}, ${r1}] contains the curve`);
    t.ok(r1 - r0 <= (0.88 - 0.12) / 8 / 32 + 1e-12, 'finest cell height = coarse / 2^levels');
  }
  t.ok(straddling >= 64, `boundary crosses ${straddling} finest cells`);
  // Points concentrate near the boundary: every refined point lies within 2 coarse cells of it.
  const coarse = (0.88 - 0.12) / 8;
  for (const p of all.slice(81)) {
    const distance = Math.abs((p.values[1] as number) - (0.1 + 0.8 / (p.values[0] as number)));
    if (distance > 2 * coarse) t.fail(`refined point ${p.key} is ${distance} from the boundary`);
  }
  t.ok(all.length < 0.1 * 257 * 257, `${all.length} points vs 66,049 for the uniform grid of the same finest cell`);
});

t.test('cells whose corners agree are never split; the budget cuts a level short and ends the refinement', async (t) => {
  const full = refineByFormula(GOOD);
  const spec = parseSpec(GOOD);
  const lattice = refineLattice(spec);
  const agreeing = level0Cells(lattice).filter((cell) => {
    const cs = [0, 1].flatMap((i) => [0, 1].map((j) => `${cell.slice}:${cell.lower[0] + i * cell.size[0]},${cell.lower[1] + j * cell.size[1]}`));
    return new Set(cs.map((k) => full.aggregates.get(k)!.value)).size === 1;
  });
  t.ok(agreeing.length > 40, 'most coarse cells agree');
  for (const cell of agreeing) {
    const inside = full.all.slice(81).filter((p) =>
      p.coords.every((c, a) => c > cell.lower[a] && c < cell.lower[a] + cell.size[a]),
    );
    t.equal(inside.length, 0, `no point strictly inside agreeing cell ${cell.lower.join(',')}`);
  }
  const small = refineByFormula(GOOD.replace('budget: 100000', 'budget: 300'));
  t.ok(small.runs <= 300, `${small.runs} runs within the budget of 300`);
  t.ok(small.runs > 81 + 53, 'and spent most of it');
  t.ok(small.perLevel.length < full.perLevel.length, 'fewer levels');
});

t.test('integer axes: a cell is not split where the rounded midpoint repeats an end', async (t) => {
  const text = `name: int-axis
seed: 1
model:
  patterns: 4
  successRate: { uniform: [0, 1] }
grid:
  model.patterns: [2, 5]
  model.successRate.uniform[0]: [0, 0.5]
refine:
  axes: [model.patterns, 'model.successRate.uniform[0]']
  quantity: {share: ends_on_worst, level: 0.25}
  levels: 4
  budget: 10000
`;
  const spec = parseSpec(text);
  const lattice = refineLattice(spec);
  const aggregates = new Map<string, PointAggregate>();
  const share = (v: readonly (number | string)[]) => ((v[1] as number) < 0.2 ? 0.5 : 0);
  for (let g = 0; g < 4; g++) {
    const [slice, coords] = gridPointKey(lattice, g).split(':');
    const p = latticePoint(lattice, Number(slice), coords.split(',').map(Number));
    aggregates.set(p.key, { value: share(p.values) });
  }
  let cells: readonly RefineCell[] = level0Cells(lattice);
  const seen = new Set<string>();
  for (let level = 1; level <= 4; level++) {
    const next = planNextLevel({ lattice, cells, aggregates, runsSpent: aggregates.size });
    for (const p of next.points) {
      t.ok(Number.isInteger(p.values[0]), 'R stays an integer');
      const id = JSON.stringify(p.values);
      t.notOk(seen.has(id), `no two points share values ${id}`);
      seen.add(id);
      aggregates.set(p.key, { value: share(p.values) });
    }
    cells = next.cells;
  }
  const rs = new Set([...seen].map((s) => JSON.parse(s)[0]));
  t.same([...rs].sort(), [2, 3, 4, 5].filter((r) => rs.has(r)), 'R values are integers between 2 and 5');
  t.ok(rs.size >= 2);
});

t.test('a level spec lists its points: indices, shards and draws continue after earlier levels', async (t) => {
  const spec = parseSpec(GOOD);
  const values = [
    [2, 0.3],
    [3, 0.4],
    [4, 0.5],
  ];
  const derived = levelSpec(spec, { first: 81, firstShard: 2, values });
  t.notOk('refine' in derived);
  const plan = planSweep({ ...derived, shardSize: 2 });
  t.equal(plan.firstIndex, 81);
  t.equal(plan.size, 84);
  t.equal(plan.shardCount, 2);
  t.same(plan.shardRange(1), { start: 83, end: 84 });
  t.equal(plan.shardOf(83), 1);
  t.same(plan.describe(82).axes, { 'model.initialPattern.gamma': 3, 'model.successRate.rival': 0.4 });
  t.equal(plan.describe(82).point, 82);
  const run = decodeRun(plan, 83).run;
  t.same(run.initialPattern, { kind: 'gamma', gamma: 4, rival: 0.7 });
  t.same(run.successRate, { kind: 'tiers', optimal: 0.9, rival: 0.5, rest: 0.1 });
  t.throws(() => plan.describe(80), { name: 'SweepRangeError' });
  t.throws(() => buildBatches(plan, 0, 84), { name: 'SweepRangeError' });
  const [batch] = buildBatches(plan, 81, 84);
  t.same(Array.from(batch.batch.gridIndex), [81, 82, 83], 'draws keyed by the global point');
  const range = plan.describeRange(81, 84);
  t.same(Array.from(range.point), [81, 82, 83]);
  t.same(range.axes.map((c) => [...c]), [[2, 3, 4], [0.3, 0.4, 0.5]], 'describeRange lists the level\'s points');
  t.not(specHash(derived), specHash(levelSpec(spec, { first: 84, firstShard: 2, values })), 'each level has its own hash');
});

t.test('planning from incomplete results is refused', async (t) => {
  const lattice = refineLattice(parseSpec(GOOD));
  t.throws(() => planNextLevel({ lattice, cells: level0Cells(lattice), aggregates: new Map(), runsSpent: 81 }), {
    name: 'RefineCornerMissingError',
    code: 'REFINE_CORNER_MISSING',
  });
});

t.test('with sample axes and replicates, a level spec numbers points x samples x replicates after earlier levels', async (t) => {
  const spec = parseSpec(`${GOOD}replicates: 2\nsample:\n  count: 3\n  axes:\n    beta: {uniform: [0, 1]}\n`);
  const lattice = refineLattice(spec);
  t.equal(lattice.runsPerPoint, 6);
  t.same(refineWorstCase(spec).runsByLevel[0], 81 * 6);
  const plan = planSweep(levelSpec(spec, { first: 81, firstShard: 0, values: [[2, 0.3], [3, 0.4]] }));
  t.equal(plan.firstIndex, 81 * 6);
  t.equal(plan.size, 83 * 6);
  const d = plan.describe(82 * 6 + 3);
  t.same({ point: d.point, gridPoint: d.gridPoint, sample: d.sample, replicate: d.replicate }, { point: 82 * 3 + 1, gridPoint: 82, sample: 1, replicate: 1 });
  t.equal(d.axes['model.initialPattern.gamma'], 3);
  t.equal(d.axes.beta, planSweep(spec).describe(2 * 1 + 1).axes.beta, 'sample j has the same values at every level');
  // The store's columnar ingest (describeRange) gives every row the values describe() gives it.
  const range = plan.describeRange(81 * 6 + 1, 83 * 6);
  for (let i = range.start; i < range.end; i++) {
    const one = plan.describe(i);
    const k = i - range.start;
    t.equal(range.point[k], one.point);
    t.equal(range.replicate[k], one.replicate);
    plan.axes.forEach((a, j) => t.equal(range.axes[j][k], one.axes[a.name], `${a.name} of index ${i}`));
  }
  t.throws(() => plan.describeRange(81 * 6 - 1, 81 * 6 + 2), { name: 'SweepRangeError' }, 'a range before the level is refused');
});

t.test('split {largest: K}: the K cells of largest corner spread, disagreeing or not', async (t) => {
  // A smooth share in [0.37, 0.9], so no cell crosses the level 0.05 and `disagree` splits nothing.
  const text = REFINE(`  axes: [model.initialPattern.gamma, model.successRate.rival]
  quantity: {share: converged, level: 0.05}
  levels: 2
  budget: 100000
  split: {largest: 3}
`);
  const spec = parseSpec(text);
  t.same(spec.refine?.split, { kind: 'largest', count: 3 });
  const lattice = refineLattice(spec);
  const share = (v: readonly (number | string)[]) => 0.95 - 0.5 * (v[1] as number) * (1 + 0.01 * (v[0] as number));
  const aggregates = new Map<string, PointAggregate>();
  for (let g = 0; g < 81; g++) {
    const [slice, coords] = gridPointKey(lattice, g).split(':');
    const p = latticePoint(lattice, Number(slice), coords.split(',').map(Number));
    aggregates.set(p.key, { value: share(p.values) });
  }
  const cells = level0Cells(lattice);
  const next = planNextLevel({ lattice, cells, aggregates, runsSpent: 81 });
  t.equal(next.split, 3);
  t.equal(next.cells.length, 12, '3 cells x 4 children');
  // The spread grows with gamma (the 1 + 0.01 gamma factor): the three largest lie in the last gamma column.
  const lastColumn = 7 * lattice.scale;
  t.ok(next.cells.every((c) => c.lower[0] >= lastColumn), 'children of the largest-gamma cells');
  const disagree = planNextLevel({ lattice: refineLattice(parseSpec(text.replace('  split: {largest: 3}\n', ''))), cells, aggregates, runsSpent: 81 });
  t.equal(disagree.points.length, 0, 'disagree splits nothing here');
});
