/**
 * Resume through the real command: `patternsweep run` in a child process is
 * killed with SIGKILL mid-sweep (twice, at different points, found by waiting
 * on its progress lines), then rerun with the same command; the tables equal
 * those of an uninterrupted run bit for bit, with every idx exactly once.
 * SIGINT stops cleanly with exit code 130 and says how to resume.
 */
import { join } from 'node:path';
import t from 'tap';
import { runLocalSweep } from '../../cli/local.js';
import { tempDir } from '../coordinator/fixtures.js';
import { tableBits, writeTestSpec } from '../coordinator/sweeps.js';
import { spawnCli } from './child.js';

const RUNS = 'SELECT * FROM runs ORDER BY idx';
const SUMMARY = 'SELECT * FROM summary';
const ENV = { PATTERNSWEEP_PROGRESS_INTERVAL_MS: '0' };
/** 40 one-run shards (2 x 2 grid x 10 replicates) of tens of ms each: caught mid-way on one thread. */
const SPEC = { shardSize: 1, replicates: 10, name: 'resume-test', pace: 'slow' as const };
const TOTAL = 40;

async function uninterrupted(t: Tap, spec: string, out: string) {
  await runLocalSweep({ sweep: spec, outDir: out, threads: 2, progress: 'none' });
  return {
    runs: await tableBits(join(out, 'sweep.duckdb'), RUNS),
    summary: await tableBits(join(out, 'sweep.duckdb'), SUMMARY),
  };
}
type Tap = { teardown(fn: () => unknown): void };

/** Waits until the child reports at least `shards` stored shards; returns the count it reported. */
async function storedAtLeast(child: ReturnType<typeof spawnCli>, shards: number): Promise<number> {
  const counts = Array.from({ length: TOTAL - shards + 1 }, (_, i) => shards + i).reverse();
  const m = await child.waitFor(new RegExp(`progress: (${counts.join('|')})/${TOTAL} shards`));
  return Number(m[1]);
}

t.test('SIGKILL, SIGINT, SIGKILL mid-sweep, then the same command again: identical tables, every idx once', async (t) => {
  const dir = await tempDir(t);
  const spec = await writeTestSpec(dir, 'spec.yaml', SPEC);
  const want = await uninterrupted(t, spec, join(dir, 'whole'));
  const out = join(dir, 'out');
  const args = ['run', spec, '--out', out, '--threads', '1', '--progress', 'lines'];

  let stored = 0;
  for (const [stopAfter, signal] of [
    [3, 'SIGKILL'],
    [10, 'SIGINT'],
    [20, 'SIGKILL'],
  ] as const) {
    const child = spawnCli(t, args, ENV);
    const seen = await storedAtLeast(child, stopAfter);
    child.child.kill(signal);
    const exit = await child.exited;
    const from = Number(child.stderr().match(new RegExp(`sweep: ${TOTAL} runs in ${TOTAL} shards; (\\d+) already stored`))?.[1]);
    t.ok(from >= stored, `${signal} run started from the ${from} stored shards (>= ${stored} seen stored before)`);
    t.notMatch(child.stdout(), /^done:/m, `${signal} after ${seen} shards: it had not finished`);
    if (signal === 'SIGKILL') {
      t.equal(exit.signal, 'SIGKILL');
    } else {
      // A clean stop: in-flight stores finish, the store closes, the user is told how to resume.
      t.equal(exit.code, 130, 'SIGINT exits 130');
      t.match(child.stdout(), new RegExp(`interrupted: \\d+/${TOTAL} shards stored in .*; resume by running the same command`));
    }
    stored = seen;
  }

  const last = spawnCli(t, args, ENV);
  const { code } = await last.exited;
  t.equal(code, 0, code === 0 ? 'final run exits 0' : `final run failed: ${last.stderr().slice(-2000)}`);
  t.match(last.stdout(), `done: ${TOTAL} runs, ${TOTAL}/${TOTAL} shards stored, 0 failed; results in ${out}`);
  const computedNow = TOTAL - Number(last.stderr().match(/(\d+) already stored/)?.[1]);
  t.ok(computedNow <= TOTAL - 20, `only the missing shards were computed (${computedNow})`);

  const db = join(out, 'sweep.duckdb');
  const idx = await tableBits(db, 'SELECT count(*), count(DISTINCT idx), min(idx), max(idx) FROM runs');
  t.same(idx.rows, [[`bigint:${TOTAL}`, `bigint:${TOTAL}`, 'bigint:0', `bigint:${TOTAL - 1}`]], 'every idx once');
  t.same(await tableBits(db, RUNS), want.runs, 'runs bit-identical to the uninterrupted sweep');
  t.same(await tableBits(db, SUMMARY), want.summary, 'summary bit-identical');
});
