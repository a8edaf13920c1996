/**
 * LocalDispatcher: every shard ends in exactly one onResult or onFailure;
 * unrecoverable errors are not retried; aborting stops taking shards and
 * reports nothing for the shards it dropped.
 */
import t from 'tap';
import { isUnrecoverable, LocalDispatcher } from '../../coordinator/dispatch.js';
import { createProgress, formatProgressLine } from '../../coordinator/progress.js';
import { parseSpec, specHash } from '../../sweep/index.js';
import type { ShardOutput, ShardTask } from '../../worker/shard.js';
import { testSpecYaml } from './sweeps.js';

const spec = parseSpec(testSpecYaml({ shardSize: 5 }), 'test');
const hash = specHash(spec);
const task = (shard: number, start: number, end: number): ShardTask => ({ spec, specHash: hash, shard, start, end, backend: 'js' });

const dispatcher = new LocalDispatcher({ threads: 2 });
t.teardown(() => dispatcher.close());

t.test('results and failures: one callback per shard; an unrecoverable error is tried once', async (t) => {
  const results: { out: ShardOutput; worker: string; attempts: number }[] = [];
  const failures: { shard: number; name: string; message: string; attempts: number }[] = [];
  await dispatcher.run(
    [task(0, 0, 5), task(1, 5, 10), task(7, 15, 99), task(3, 15, 20)],
    {
      async onResult(out, meta) {
        results.push({ out, ...meta });
      },
      async onFailure(failed, error) {
        failures.push({ shard: failed.shard, ...error });
      },
    },
  );
  t.same(results.map((r) => r.out.shard).sort(), [0, 1, 3]);
  for (const r of results) {
    t.equal(r.attempts, 1);
    t.match(r.worker, /^local:.+\/\d+$/);
    t.equal(r.out.columns.acc0.length, r.out.end - r.out.start);
  }
  t.equal(failures.length, 1);
  t.same(failures[0], {
    shard: 7,
    name: 'ShardRangeError',
    message: "shard 7: range [15, 99) is not inside the sweep's index space [0, 20)",
    attempts: 1,
  });
});

t.test('abort: no new shards after the signal, nothing reported for dropped ones', async (t) => {
  const controller = new AbortController();
  const seen: number[] = [];
  const tasks = [0, 1, 2, 3].map((k) => task(k, 5 * k, 5 * k + 5));
  await dispatcher.run(
    tasks,
    {
      async onResult(out) {
        seen.push(out.shard);
        controller.abort();
      },
      async onFailure() {
        t.fail('no failures on abort');
      },
    },
    controller.signal,
  );
  t.ok(seen.length >= 1 && seen.length <= 2, `at most one shard per lane finished (${seen.length})`);
});

t.test('a sink error stops the run and is rethrown', async (t) => {
  const stored: number[] = [];
  await t.rejects(
    dispatcher.run([0, 1, 2, 3].map((k) => task(k, 5 * k, 5 * k + 5)), {
      async onResult(out) {
        stored.push(out.shard);
        throw new Error('disk full');
      },
      async onFailure() {},
    }),
    { message: 'disk full' },
  );
  t.ok(stored.length <= 2, 'no lane takes a new shard after the error');
});

t.test('retry policy by error name, because classes do not survive threads', async (t) => {
  t.ok(isUnrecoverable({ name: 'ModelParameterError' }));
  t.ok(isUnrecoverable({ name: 'RunDecodeError' }));
  t.ok(isUnrecoverable({ name: 'UnrecoverableShardError' }));
  t.notOk(isUnrecoverable({ name: 'Error' }));
  t.notOk(isUnrecoverable({}));
  t.throws(() => new LocalDispatcher({ maxAttempts: 0 }), { name: 'DispatchOptionError', message: 'maxAttempts: 0 is not an integer >= 1' });
});

t.test('progress lines: a start line, throttled updates, a final line', async (t) => {
  let now = 0;
  let text = '';
  const stream = { write: (s: string) => ((text += s), true), isTTY: false } as unknown as NodeJS.WriteStream;
  const progress = createProgress('auto', { stream, intervalMs: 1000, now: () => now });
  const snap = (doneShards: number) => ({ totalShards: 10, doneShards, failedShards: 0, totalRuns: 100, doneRuns: 10 * doneShards });
  progress.start(snap(2));
  now = 500;
  progress.update(snap(3));
  now = 2000;
  progress.update(snap(4));
  now = 2100;
  progress.stop(snap(10));
  t.equal(
    text,
    'sweep: 100 runs in 10 shards; 2 already stored, 8 to compute\n' +
      'progress: 4/10 shards (40/100 runs, 40.0%), 0 failed, 10 runs/s, ETA 6s\n' +
      'progress: 10/10 shards (100/100 runs, 100.0%), 0 failed, 38 runs/s, ETA 0s\n',
  );
  t.equal(
    formatProgressLine({ totalShards: 4, doneShards: 1, failedShards: 1, totalRuns: 8, doneRuns: 2 }, 0, Number.NaN),
    'progress: 1/4 shards (2/8 runs, 25.0%), 1 failed, 0 runs/s, ETA ?',
  );
});
