/** Runs/s over a recent window: follows a change of pace within one window and decays while nothing lands. */
import t from 'tap';
import { RecentRate } from '../../coordinator/recent-rate.js';
import { formatProgressLine } from '../../coordinator/progress.js';

t.test('the rate is the recent one, not the average since the start', async (t) => {
  let now = 0;
  const rate = new RecentRate({ windowMs: 10_000, now: () => now });
  rate.start(0);
  // 100 runs/s for 60 s ...
  for (let s = 1; s <= 60; s++) {
    now = s * 1000;
    rate.record(100 * s);
  }
  t.equal(rate.rate(), 100);
  // ... then 10 runs/s: after one full window the rate is 10, while the average since the start is still ~74.
  for (let s = 61; s <= 80; s++) {
    now = s * 1000;
    rate.record(6000 + 10 * (s - 60));
  }
  t.equal(rate.rate(), 10);
  t.equal(rate.eta(1000), 100, '1000 runs left at 10 runs/s');
  // Nothing lands for 5 s: half the window saw no work.
  now = 85_000;
  t.equal(rate.rate(), 5);
  now = 200_000;
  t.equal(rate.rate(), 0);
  t.ok(Number.isNaN(rate.eta(10)), 'no ETA without a rate');
});

t.test('before a full window the rate is over the time since the start', async (t) => {
  let now = 0;
  const rate = new RecentRate({ windowMs: 30_000, now: () => now });
  rate.start(40);
  now = 2000;
  rate.record(60);
  t.equal(rate.rate(), 10);
  t.equal(formatProgressLine({ totalShards: 4, doneShards: 1, failedShards: 0, totalRuns: 100, doneRuns: 60 }, rate.rate(), rate.eta(40)), 'progress: 1/4 shards (60/100 runs, 60.0%), 0 failed, 10 runs/s, ETA 4s');
});
