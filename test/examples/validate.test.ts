/**
 * Every example spec parses with sweep/parseSpec and carries the header the
 * examples README promises: what it shows, the docs/model.md §4 statement it
 * tests, the command to run it and its cost.
 */
import { readdirSync, readFileSync } from 'node:fs';
import t from 'tap';
import { parseSpec, planSweep } from '../../sweep/index.js';

const dir = new URL('../../examples/', import.meta.url);
const EXAMPLES = [
  'regime1.yaml',
  'regime2.yaml',
  'regime2-growth.yaml',
  'kl-regime2.yaml',
  'rlif.yaml',
  'kl.yaml',
  'sft.yaml',
  'stochastic.yaml',
  'two-pattern.yaml',
];

t.test('the examples folder holds every example listed in its README', async (t) => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  for (const name of EXAMPLES) t.ok(files.includes(name), name);
  const readme = readFileSync(new URL('README.md', dir), 'utf8');
  for (const name of EXAMPLES) t.match(readme, name, `README mentions ${name}`);
});

for (const name of EXAMPLES) {
  t.test(name, async (t) => {
    const text = readFileSync(new URL(name, dir), 'utf8');
    const spec = parseSpec(text, `examples/${name}`);
    const plan = planSweep(spec);
    t.ok(plan.size >= 1 && plan.size <= 10_000, `${plan.size} runs`);
    const header = text.split('\n').filter((l) => l.startsWith('#')).join('\n');
    t.match(header, /What it shows:/);
    t.match(header, /Statement tested:.*docs\/model\.md §[34]/s);
    t.match(header, new RegExp(`patternsweep run examples/${name.replace('.', '\\.')}`));
    t.match(header, /patternsweep report results\//);
    t.match(header, /Cost:/);
    t.equal(spec.backend, 'auto');
  });
}
