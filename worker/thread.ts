/**
 * The piscina thread entry: runs one shard and hands its typed arrays back
 * without copying (their buffers are transferred, so the thread gives them up).
 * The spec arrives as its canonical JSON (a string: cheap to clone) and is
 * parsed once per spec hash per thread.
 */
import { Piscina } from 'piscina';
import { toErrorRecord } from '../errors/index.js';
import type { ShardOutput } from '../queue/index.js';
import type { SweepSpec } from '../sweep/index.js';
import { runShard } from './shard.js';
import type { ThreadTask } from './pool.js';

const specs = new Map<string, SweepSpec>();

function buffersOf(out: ShardOutput): ArrayBuffer[] {
  const views: Float64Array[] = Object.values(out.columns);
  if (out.trajectory !== null) views.push(out.trajectory.time, out.trajectory.acc, out.trajectory.piOpt);
  // Each column owns its buffer (allocated in runShard); a Set guards against
  // listing a buffer twice, which postMessage rejects.
  return [...new Set(views.map((v) => v.buffer as ArrayBuffer))];
}

export default async function runShardInThread(task: ThreadTask): Promise<unknown> {
  let out: ShardOutput;
  try {
    let spec = specs.get(task.specHash);
    if (spec === undefined) {
      spec = JSON.parse(task.specJson) as SweepSpec;
      specs.set(task.specHash, spec);
    }
    out = await runShard({ spec, specHash: task.specHash, shard: task.shard, start: task.start, end: task.end, backend: task.backend });
  } catch (error) {
    // A plain record survives structured clone with its code and retryable flag (errors/index.ts).
    throw { threadError: true, ...toErrorRecord(error) };
  }
  return Piscina.move({
    [Piscina.transferableSymbol]: buffersOf(out),
    [Piscina.valueSymbol]: out,
  } as never);
}
