/**
 * The piscina thread entry: runs one shard and hands its typed arrays back
 * without copying (their buffers are transferred, so the thread gives them up).
 */
import { Piscina } from 'piscina';
import { runShard, type ShardOutput, type ShardTask } from './shard.js';
import { toThreadErrorRecord } from './thread-error.js';

function buffersOf(out: ShardOutput): ArrayBuffer[] {
  const views: Float64Array[] = Object.values(out.columns);
  if (out.trajectory !== null) views.push(out.trajectory.time, out.trajectory.acc, out.trajectory.piOpt);
  // Each column owns its buffer (allocated in runShard); a Set guards against
  // listing a buffer twice, which postMessage rejects.
  return [...new Set(views.map((v) => v.buffer as ArrayBuffer))];
}

export default async function runShardInThread(task: ShardTask): Promise<unknown> {
  let out: ShardOutput;
  try {
    out = await runShard(task);
  } catch (error) {
    // A plain record survives structured clone with its name (see thread-error.ts).
    throw toThreadErrorRecord(error);
  }
  return Piscina.move({
    [Piscina.transferableSymbol]: buffersOf(out),
    [Piscina.valueSymbol]: out,
  } as never);
}
