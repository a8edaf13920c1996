import type { RunBatch } from './batch.js';
import type { BatchStats } from './stats.js';

/** Names a user can ask for; `auto` picks the fastest correct one per batch. */
export const BACKEND_NAMES = ['js', 'tfjs', 'wasm', 'auto'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/**
 * One implementation of the dynamics. Pure: the same batch gives the same
 * bits. `name` says what actually ran (e.g. `js`, `tfjs-wasm`, `tfjs-node`).
 */
export interface Backend {
  readonly name: string;
  simulate(batch: RunBatch): Promise<BatchStats>;
}
