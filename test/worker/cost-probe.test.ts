/** validate's timed probe: real runs of the spec, timed on a clock the test controls, scaled to rounds of shards. */
import t from 'tap';
import { probeCost } from '../../worker/index.js';
import { loadSweep } from '../../coordinator/sweep-run.js';
import { tempDir } from '../coordinator/fixtures.js';
import { writeTestSpec } from '../coordinator/sweeps.js';

t.test('the estimate is the mean probed run times the runs one thread computes, plus fixed costs', async (t) => {
  const dir = await tempDir(t);
  // 20 runs in 5 shards of 4: on 2 threads, 3 rounds of 4 runs.
  const loaded = await loadSweep(await writeTestSpec(dir, 'spec.yaml', { shardSize: 4 }));
  let clock = 0;
  const now = (): number => (clock += 25); // every reading 25 ms later: each timed run "takes" 25 ms
  const probe = await probeCost(loaded.plan, loaded.spec, loaded.specHash, 'js', { threads: 2, now, startupSeconds: 0.5 });
  t.equal(probe.probedRuns, 20, 'a small sweep is probed whole (up to 24 runs)');
  t.equal(probe.secondsPerRun, 0.025);
  t.equal(probe.threads, 2);
  // 0.5 start-up + 0.025 warm-up + 1 store + 0.025 x 12 runs on the busiest thread
  t.equal(Number(probe.wallSeconds.toFixed(9)), 1.825);

  const short = await probeCost(loaded.plan, loaded.spec, loaded.specHash, 'js', { threads: 8, now, budgetMs: 40 });
  t.equal(short.probedRuns, 3, 'past the budget, still the minimum of 3 runs');
  t.equal(short.threads, 5, 'no more threads than shards');
});
