/**
 * The one place a refinement level meets the sweep machinery: a level's
 * shards go to the same ShardDispatcher an ordinary sweep uses (local piscina
 * lanes or NATS workers) and come back through the same store commit
 * (ResultStore.writeShard: rows and `done` mark in one transaction). When the
 * coordinator loop over queue/ replaces dispatchers, only this function
 * changes.
 */
import type { ShardTask } from '../worker/shard.js';
import type { ShardDispatcher } from './dispatch.js';
import type { ResultStore } from './store.js';

export interface LevelDispatchInput {
  readonly dispatcher: ShardDispatcher;
  readonly store: ResultStore;
  /** The level's shards not yet done, in shard order. */
  readonly tasks: readonly ShardTask[];
  readonly signal?: AbortSignal;
  /** Called after each stored or failed shard (progress display). */
  readonly onShard?: (event: { readonly outcome: 'stored' | 'duplicate' | 'failed'; readonly runs: number }) => void;
}

export interface LevelDispatchResult {
  /** Shards stored by this call. */
  readonly stored: number;
  /** Shards that failed for good in this call. */
  readonly failed: number;
  readonly runs: number;
}

export async function dispatchLevel(input: LevelDispatchInput): Promise<LevelDispatchResult> {
  let stored = 0;
  let failed = 0;
  let runs = 0;
  if (input.tasks.length === 0 || input.signal?.aborted === true) return { stored, failed, runs };
  await input.dispatcher.run(
    input.tasks,
    {
      onResult: async (out, meta) => {
        const outcome = await input.store.writeShard(out, meta);
        if (outcome === 'stored') {
          stored++;
          runs += out.end - out.start;
        }
        input.onShard?.({ outcome, runs: out.end - out.start });
      },
      onFailure: async (task, error) => {
        await input.store.markFailed(task, error);
        failed++;
        input.onShard?.({ outcome: 'failed', runs: 0 });
      },
    },
    input.signal,
  );
  return { stored, failed, runs };
}
