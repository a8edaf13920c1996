/**
 * `specWarnings` (sweep/parse.ts): a `{optimal, rival, rest}` success rate
 * whose rival or rest is not below optimal is valid but makes another
 * pattern r* (docs/model.md §1); `patternsweep validate` prints these.
 */
import t from 'tap';
import { formatIssue, parseSpec, specWarnings } from '../../sweep/index.js';

const spec = (successRate: string, grid = '') => `name: tiers
seed: 1
model:
  patterns: 4
  successRate: ${successRate}
${grid}`;

const warnings = (text: string): string[] => specWarnings(parseSpec(text, 'tiers.yaml')).map(formatIssue);

t.test('ordered tiers give no warning', async (t) => {
  t.same(warnings(spec('{ optimal: 0.9, rival: 0.7, rest: 0.1 }')), []);
  t.same(warnings(spec('[0.1, 0.95, 0.9, 0.2]')), [], 'a list names no "optimal" pattern');
});

t.test('a rival or rest not below optimal is named, with both values', async (t) => {
  t.same(warnings(spec('{ optimal: 0.9, rival: 0.95, rest: 0.1 }')), [
    `model.successRate.rival: 0.95 is not below model.successRate.optimal (0.9); pattern 1 then ties or beats pattern 0 and r* = argmax p is not the "optimal" pattern of the spec (docs/model.md §1)`,
  ]);
  t.same(warnings(spec('{ optimal: 0.5, rival: 0.5, rest: 0.6 }')), [
    `model.successRate.rival: 0.5 is not below model.successRate.optimal (0.5); pattern 1 then ties or beats pattern 0 and r* = argmax p is not the "optimal" pattern of the spec (docs/model.md §1)`,
    `model.successRate.rest: 0.6 is not below model.successRate.optimal (0.5); patterns 2.. then tie or beat pattern 0 and r* = argmax p is not the "optimal" pattern of the spec (docs/model.md §1)`,
  ]);
});

t.test('grid values are checked: the axis is named', async (t) => {
  const text = spec('{ optimal: 0.9, rival: 0.7, rest: 0.1 }', 'grid:\n  model.successRate.rival: [0.6, 0.8, 0.92]\n');
  t.same(warnings(text), [
    `grid.model.successRate.rival: 0.92 is not below model.successRate.optimal (0.9); pattern 1 then ties or beats pattern 0 and r* = argmax p is not the "optimal" pattern of the spec (docs/model.md §1)`,
  ]);
  const optimalGrid = spec('{ optimal: 0.9, rival: 0.7, rest: 0.1 }', 'grid:\n  model.successRate.optimal: [0.65, 0.9]\n');
  t.match(warnings(optimalGrid), [/^model\.successRate\.rival: 0\.7 is not below grid\.model\.successRate\.optimal \(0\.65\)/]);
});
