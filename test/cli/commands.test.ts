/** The commands as a user runs them (child processes): validate, bad flags, summary, a bad spec. */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { tempDir } from '../coordinator/fixtures.js';
import { writeTestSpec } from '../coordinator/sweeps.js';
import { spawnCli } from './child.js';

t.test('validate prints the grid size and shards, and writes nothing', async (t) => {
  const dir = await tempDir(t);
  const spec = await writeTestSpec(dir, 'spec.yaml', { shardSize: 3 });
  const child = spawnCli(t, ['validate', spec]);
  const { code } = await child.exited;
  t.equal(code, 0, child.stderr());
  t.match(child.stdout(), /is valid/);
  t.match(child.stdout(), /runs: 20 = 4 grid points x 1 samples x 5 replicates\nshards: 7 of 3 runs/);
  t.match(child.stdout(), /model\.patterns.*2 values: 3, 5/);
  t.notOk(existsSync(join(dir, 'results')));
});

t.test('a bad flag: exit 2 and a message naming the flag and what is allowed (all messages: program.test.ts)', async (t) => {
  const child = spawnCli(t, ['run', 'x.yaml', '--threads', '0']);
  const { code } = await child.exited;
  t.equal(code, 2);
  t.match(child.stderr(), /option '--threads <n>' argument '0' is invalid\. threads must be an integer in \[1, 1024\]/);
  t.match(child.stderr(), /run with --help for usage/);
});

t.test('run with a bad spec: every issue listed, exit 1, no output folder', async (t) => {
  const dir = await tempDir(t);
  const spec = join(dir, 'bad.yaml');
  await writeFile(spec, 'name: bad\nseed: 1\nmodel: { patterns: 3 }\nbeta: -1\nshardSize: 0\n');
  const out = join(dir, 'out');
  const child = spawnCli(t, ['run', spec, '--out', out]);
  const { code } = await child.exited;
  t.equal(code, 1);
  t.match(child.stderr(), /beta/);
  t.match(child.stderr(), /shardSize/);
  t.notOk(existsSync(out));
});

t.test('run, then summary --by: a table with intervals; another spec in the same folder is refused', async (t) => {
  const dir = await tempDir(t);
  const spec = await writeTestSpec(dir, 'spec.yaml', { shardSize: 5 });
  const out = join(dir, 'out');
  const run = spawnCli(t, ['run', spec, '--out', out, '--threads', '1', '--progress', 'none']);
  t.equal((await run.exited).code, 0, run.stderr());
  t.match(run.stdout(), /done: 20 runs, 4\/4 shards stored, 0 failed; results in/);
  t.ok(existsSync(join(out, 'runs.parquet')));
  t.ok(existsSync(join(out, 'summary.csv')));

  const summary = spawnCli(t, ['summary', out, '--by', 'model.patterns']);
  t.equal((await summary.exited).code, 0, summary.stderr());
  t.match(summary.stdout(), /Student t/);
  t.match(summary.stdout(), /model_patterns\s+statistic\s+runs/);
  t.match(summary.stdout(), /\s3\s+acc_final\s+10\s+10/);

  const other = await writeTestSpec(dir, 'other.yaml', { shardSize: 5, seed: 8 });
  const refused = spawnCli(t, ['run', other, '--out', out, '--progress', 'none']);
  t.equal((await refused.exited).code, 1);
  t.match(refused.stderr(), /holds results of another spec .*hash [0-9a-f]{64}.*this spec has hash [0-9a-f]{64}.*--fresh/);
});
