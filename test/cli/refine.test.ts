/**
 * The refinement through the command line: `validate` prints the worst case
 * per level, `run` prints each level and exits 0, `summary` shows every
 * point's level, `report` draws the refined figure.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { tempDir } from '../coordinator/fixtures.js';
import { spawnCli } from './child.js';

const SPEC = `name: cli-refine
seed: 16
model:
  patterns: 7
  successRate: { optimal: 0.9, rival: 0.5, rest: 0.1 }
  initialPattern: { gamma: 6, rival: 0.7 }
horizon: { tMax: 1, maxSteps: 10 }
grid:
  model.initialPattern.gamma: { logspace: [1.5, 30, 3] }
  model.successRate.rival: { linspace: [0.12, 0.88, 3] }
refine:
  axes: [model.initialPattern.gamma, model.successRate.rival]
  quantity: regime
  levels: 2
  budget: 100
keep: { statistics: [acc0, regime] }
`;

t.test('validate, run, summary and report of a refined sweep', async (t) => {
  const dir = await tempDir(t);
  const spec = join(dir, 'spec.yaml');
  await writeFile(spec, SPEC);
  const validate = spawnCli(t, ['validate', spec]);
  t.equal((await validate.exited).code, 0);
  t.match(validate.stdout(), /level 0: at most 9 grid points, 9 runs in all \(the grid as written\)/);
  t.match(validate.stdout(), /level 1: at most 25 grid points, 25 runs in all/);
  t.match(validate.stdout(), /level 2: at most 81 grid points, 81 runs in all/);
  t.match(validate.stdout(), /worst case: 81 runs;/);

  const out = join(dir, 'out');
  const run = spawnCli(t, ['run', spec, '--out', out, '--threads', '1', '--progress', 'none']);
  t.equal((await run.exited).code, 0, run.stderr());
  t.match(run.stdout(), /level 0: 9 new points, 9 runs, 4 cells/);
  t.match(run.stdout(), /level 1: \d+ new points, \d+ runs; \d+ of \d+ disagreeing cells split into \d+/);

  const summary = spawnCli(t, ['summary', out]);
  t.equal((await summary.exited).code, 0, summary.stderr());
  t.match(summary.stdout(), /refined, \d+ runs stored over 3 levels \(level 0: 9 points, level 1: \d+ points, level 2: \d+ points; worst case 81\)/);
  t.match(summary.stdout(), /^level {2}point/m);

  const report = spawnCli(t, ['report', out]);
  t.equal((await report.exited).code, 0, report.stderr());
  t.ok(existsSync(join(out, 'report', 'refined-boundary.svg')), 'refined figure written');
});
