/**
 * The two refinement examples (examples/refine-regime.yaml, refine-rlif.yaml):
 * they parse, carry the header the examples README promises, refine the axes
 * they say, and their worst-case sizes are what `validate` prints. The
 * regime example's refined boundary is checked against the closed form in
 * test/coordinator/refine-run.test.ts (a scaled-down copy).
 */
import { readFileSync } from 'node:fs';
import t from 'tap';
import { parseSpec, planSweep } from '../../sweep/index.js';
import { refineWorstCase } from '../../sweep/refine.js';

const dir = new URL('../../examples/', import.meta.url);
const CASES = [
  { name: 'refine-regime.yaml', level0: 81, axes: ['model.initialPattern.gamma', 'model.successRate.rival'], last: 513 * 513 },
  { name: 'refine-rlif.yaml', level0: 36 * 64, axes: ['model.patterns', 'model.successRate.uniform[0]'], last: 41 * 41 * 64 },
];

for (const c of CASES) {
  t.test(c.name, async (t) => {
    const text = readFileSync(new URL(c.name, dir), 'utf8');
    const spec = parseSpec(text, `examples/${c.name}`);
    t.equal(planSweep(spec).size, c.level0, 'level 0 runs');
    t.same(spec.refine?.axes, c.axes);
    const worst = refineWorstCase(spec);
    t.equal(worst.runsByLevel.at(-1), c.last, 'worst case of the last level');
    t.equal(worst.maxRuns, Math.min(spec.refine?.budget ?? 0, c.last));
    const header = text.split('\n').filter((l) => l.startsWith('#')).join('\n');
    t.match(header, /What it shows:/);
    t.match(header, /Statement tested:.*docs\/model\.md §4/s);
    t.match(header, new RegExp(`patternsweep run examples/${c.name.replace('.', '\\.')}`));
    t.match(header, /patternsweep validate examples\//);
    t.match(header, /patternsweep report results\//);
    t.match(header, /Cost:/);
    t.equal(spec.backend, 'auto');
  });
}
