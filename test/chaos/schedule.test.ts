/**
 * The chaos run's pure parts: the seeded fault schedule (replayable, bounded,
 * spread over the sweep) and the log ledger that counts recomputed shards.
 */
import t from 'tap';
import { computeLedger, inFlightShards, resurrectedShards } from './ledger.js';
import { buildSchedule, ScheduleError, type ScheduleOptions } from './schedule.js';

const OPTIONS: ScheduleOptions = {
  seed: 42,
  totalShards: 2000,
  workers: ['w1', 'w2', 'w3'],
  workerKills: 3,
  coordinatorKills: 2,
  brokerRestarts: 1,
  linkCuts: 1,
  cutWorker: 'w3',
};

t.test('the same seed gives the same schedule; another seed another one', async (t) => {
  t.same(buildSchedule(OPTIONS), buildSchedule({ ...OPTIONS }));
  t.notSame(buildSchedule(OPTIONS), buildSchedule({ ...OPTIONS, seed: 43 }));
});

t.test('every seed: the asked-for faults, once each, increasing, inside the window, the cut in the first half', async (t) => {
  for (let seed = 0; seed < 200; seed++) {
    const s = buildSchedule({ ...OPTIONS, seed, brokerSignals: ['SIGINT', 'SIGKILL'] });
    const count = (kind: string): number => s.filter((f) => f.kind === kind).length;
    const ok =
      s.length === 7 &&
      count('kill-worker') === 3 &&
      count('kill-coordinator') === 2 &&
      count('restart-broker') === 1 &&
      count('cut-link') === 1 &&
      s.every((f, i) => i === 0 || f.at > s[i - 1].at) &&
      s.every((f) => f.at >= 0.04 * 2000 && f.at < 0.6 * 2000) &&
      s.findIndex((f) => f.kind === 'cut-link') < 4 &&
      s.every((f) => f.kind !== 'kill-worker' || OPTIONS.workers.includes(f.worker)) &&
      s.every((f) => f.kind !== 'cut-link' || (f.downAckWaits >= 2 && f.downAckWaits < 3));
    if (!ok) {
      t.fail(`seed ${seed}: ${JSON.stringify(s)}`);
      return;
    }
  }
  t.pass('200 seeds checked');
});

t.test('bad options are refused with the field named', async (t) => {
  t.throws(() => buildSchedule({ ...OPTIONS, window: [0.5, 0.2] }), ScheduleError);
  t.throws(() => buildSchedule({ ...OPTIONS, cutWorker: undefined }), /cutWorker: required/);
  t.throws(() => buildSchedule({ ...OPTIONS, workers: [] }), /workers: empty/);
});

const line = (msg: string, shard: number, time: number, attempt = 1): string =>
  JSON.stringify({ level: 20, time, msg, shard, attempt, worker: 'w' });

t.test('the ledger counts shards started more than once, and what is in flight', async (t) => {
  const a = [line('shard started', 1, 10), line('shard done', 1, 11), line('shard started', 2, 12)];
  const b = ['not json', line('shard started', 2, 20, 2), line('shard done', 2, 21), line('shard started', 3, 22), line('shard done', 3, 23)];
  const ledger = computeLedger([a, b]);
  t.equal(ledger.recomputed, 1);
  t.equal(ledger.extraStarts, 1);
  t.same([...ledger.starts.keys()].sort(), [1, 2, 3]);
  t.same([...inFlightShards(a, 1)], [2], 'worker a died holding shard 2');
  // A failed handling names no shard: with one thread, the next start closes the previous one.
  t.same([...inFlightShards([line('shard started', 5, 1), line('shard started', 6, 2)], 1)], [6]);
});

t.test('resurrected shards: finished before the broker died, delivered afresh after it came back', async (t) => {
  const logs = [
    [line('shard started', 1, 10), line('shard done', 1, 11), line('shard started', 2, 12)],
    [line('shard started', 1, 30, 1), line('shard started', 2, 31, 2), line('shard started', 4, 32, 1)],
  ];
  t.same(resurrectedShards(logs, 20, 25), [1], 'shard 1 came back as a first delivery; 2 was in flight; 4 is new');
});
