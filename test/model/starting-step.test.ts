/**
 * adaptive's automatic first step (Hairer, Nørsett & Wanner I, II.4),
 * computed once per run in float64 by prepareRow (model/js/run-setup.ts)
 * and shared by both backends.
 */
import t from 'tap';
import { simulateBatch } from '../../model/index.js';
import { prepareRow } from '../../model/js/run-setup.js';
import { RunWorkspace } from '../../model/js/workspace.js';
import { prepareRuns } from '../../model/tfjs/setup.js';
import { makeBatch, type RunParams } from './make-batch.js';

// Regime 2 of docs/model.md §4 (the bench's gamma = 26 case).
const gamma = 26;
const rest = (1 - 0.7 - 0.3 / gamma) / 5;
const regimeTwo: RunParams = {
  successRate: [0.9, 0.6, 0.1, 0.1, 0.1, 0.1, 0.1],
  initialPattern: [0.3 / gamma, 0.7, rest, rest, rest, rest, rest],
  tMax: 3e5,
  tolerance: 1e-3,
  stepSize: 1e-3,
};

function firstStep(params: RunParams, algorithm: 'adaptive' | 'euler'): number {
  const batch = makeBatch({ patterns: 7, algorithm }, [params]);
  return prepareRow(batch, 0, new RunWorkspace(batch.shape)).firstStep;
}

t.test('adaptive gets a positive first step bounded by tMax; the other rules none', async (t) => {
  const h = firstStep(regimeTwo, 'adaptive');
  t.ok(h > 1e-3 && h < 10, `first step ${h} is on the initial time scale, not the user's stepSize`);
  t.equal(firstStep({ ...regimeTwo, tMax: 1e-4 }, 'adaptive'), 1e-4, 'bounded above by tMax');
  t.ok(firstStep({ ...regimeTwo, tolerance: 1e-8 }, 'adaptive') < h, 'a finer tolerance starts smaller');
  t.ok(Number.isNaN(firstStep(regimeTwo, 'euler')), 'euler: NaN');
});

t.test('the first step leaves the starting state and t = 0 statistics as prepareRow found them', async (t) => {
  const adaptive = makeBatch({ patterns: 7, algorithm: 'adaptive' }, [regimeTwo]);
  const euler = makeBatch({ patterns: 7, algorithm: 'euler' }, [regimeTwo]);
  const wsA = new RunWorkspace(adaptive.shape);
  const wsE = new RunWorkspace(euler.shape);
  const a = prepareRow(adaptive, 0, wsA);
  const e = prepareRow(euler, 0, wsE);
  t.same([a.acc0, a.piOpt0, a.dAcc0, a.regime], [e.acc0, e.piOpt0, e.dAcc0, e.regime]);
  t.same(Array.from(wsA.state), Array.from(wsE.state), 'state');
  t.same(Array.from(wsA.derivative), Array.from(wsE.derivative), 'derivative at the state');
  t.equal(wsA.accuracy, wsE.accuracy);
});

t.test('adaptive statistics do not depend on stepSize', async (t) => {
  const a = simulateBatch(makeBatch({ patterns: 7, algorithm: 'adaptive' }, [regimeTwo]));
  const b = simulateBatch(makeBatch({ patterns: 7, algorithm: 'adaptive' }, [{ ...regimeTwo, stepSize: 0.5 }]));
  t.ok(a.columns.escaped[0] === 1 && a.columns.steps_taken[0] < 40, `escapes in ${a.columns.steps_taken[0]} steps`);
  for (const [name, column] of Object.entries(a.columns)) t.same(b.columns[name as keyof typeof a.columns][0], column[0], name);
});

t.test('the tfjs set-up carries the same first step (so both backends start alike)', async (t) => {
  const runs = [regimeTwo, { ...regimeTwo, tolerance: 1e-6 }, { ...regimeTwo, tMax: 0.05 }];
  const batch = makeBatch({ patterns: 7, algorithm: 'adaptive' }, runs);
  const starts = prepareRuns(batch);
  for (let i = 0; i < runs.length; i++) {
    t.equal(starts.firstStep[i], prepareRow(batch, i, new RunWorkspace(batch.shape)).firstStep, `row ${i}`);
  }
});
