/**
 * report/figures/refined-boundary.ts on hand-made refinements: boundary
 * crossings are the midpoints of lattice neighbours of different class (and
 * only those), and both the 2-axis and the 1-axis figure render to SVG with
 * every point and crossing drawn.
 */
import t from 'tap';
import { boundaryCrossings, refinedBoundaryFigure, type RefinedPoint, type RefinedSweep } from '../../report/figures/refined-boundary.js';
import { figureToSvg } from '../../report/render.js';

/** A 3 x 3 level-0 lattice (scale 4) with class 2 where y > x, plus a level-1 point between two corners. */
function lattice(): RefinedPoint[] {
  const points: RefinedPoint[] = [];
  for (let i = 0; i <= 8; i += 4) {
    for (let j = 0; j <= 8; j += 4) points.push({ level: 0, slice: 0, coords: [i, j], at: [1 + i, 10 + j], value: j > i ? 2 : 1, cls: j > i ? 2 : 1 });
  }
  points.push({ level: 1, slice: 0, coords: [0, 2], at: [1, 12], value: 2, cls: 2 });
  return points;
}

t.test('crossings: midpoints of neighbouring points of different class, per lattice line', async (t) => {
  const crossings = boundaryCrossings(lattice());
  const key = (c: { along: number; at: readonly number[] }) => `${c.along}:${c.at.join(',')}`;
  t.same(crossings.map(key).sort(), [
    // along x (axis 0): rows j = 4 (x=0 class 2 | x=4 class 1) and j = 8 (x=4 class 2 | x=8 class 1)
    '0:3,14',
    '0:7,18',
    // along y (axis 1): column i = 0 between j = 0 (1) and the level-1 point j = 2 (2); column i = 4 between j = 4 (1) and 8 (2)
    '1:1,11',
    '1:5,16',
  ]);
  const unclassified = lattice().map((p) => ({ ...p, cls: null }));
  t.same(boundaryCrossings(unclassified), [], 'points without a class (level not run yet) give none');
  const twoSlices = [...lattice(), ...lattice().map((p) => ({ ...p, slice: 1, cls: 1 }))];
  t.equal(boundaryCrossings(twoSlices).length, 4, 'a slice of one class adds no crossing; slices never pair up');
});

t.test('the 2-axis figure draws every point and crossing; the 1-axis figure draws the level', async (t) => {
  const sweep: RefinedSweep = { axes: ['model.initialPattern.gamma', 'model.successRate.rival'], quantity: { kind: 'regime' }, points: lattice() };
  const figure = refinedBoundaryFigure(sweep);
  t.equal(figure.id, 'refined-boundary');
  t.match(figure.caption, /All 10 grid points of 2 levels/);
  t.match(figure.caption, /4 pairs/);
  const svg = await figureToSvg(figure);
  t.match(svg, /regime 1/);
  t.match(svg, /regime 2/);

  const share: RefinedSweep = {
    axes: ['model.successRate.uniform[0]'],
    quantity: { kind: 'share', statistic: 'ends_on_worst', level: 0.25 },
    points: [0, 1, 2, 3].map((i) => ({ level: i < 2 ? 0 : 1, slice: 0, coords: [i], at: [i / 10], value: 0.5 - i / 10, cls: 0.5 - i / 10 >= 0.25 ? 1 : 0 })),
  };
  const one = refinedBoundaryFigure(share);
  t.match(JSON.stringify(one.spec), /"datum":0.25/, 'the level drawn as a rule');
  const oneSvg = await figureToSvg(one);
  t.match(oneSvg, /share ends_on_worst &gt;= 0.25|share ends_on_worst >= 0.25/);
});
