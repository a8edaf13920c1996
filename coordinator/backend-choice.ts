/**
 * `backend: auto`, resolved ONCE per sweep, here, by the coordinator (issue
 * 11, point 4): every shard message then names that one backend, every
 * worker runs exactly it, and the choice is recorded in the store's `meta`
 * (key `backend`) so a resumed sweep keeps it. Before, each thread timed the
 * backends itself, so two threads of one sweep could pick differently and the
 * bits depended on thread count and restarts.
 *
 * How `auto` decides is model/select.ts's rule (time the backends that can
 * run here on the sweep's first shard; prefer js unless another is clearly
 * faster). If the first shard's batch shapes disagree, js wins: it is the
 * float64 reference, and a mixed pick is not worth float32. The choice maps
 * back to a BACKEND_NAMES entry by name (`tfjs-wasm` -> `tfjs`), so a
 * backend added to model/backend.ts is picked up without changes here.
 */
import { BACKEND_NAMES, type BackendName } from '../model/backend.js';
import { createBackend, type AutoBackend } from '../model/select.js';
import { buildBatches, type SweepPlan } from '../sweep/index.js';

/** The BACKEND_NAMES entry a runtime name belongs to (`js` -> js, `tfjs-wasm` -> tfjs); null if none. */
export function backendNameOf(runtime: string): BackendName | null {
  for (const name of BACKEND_NAMES) {
    if (name === 'auto') continue;
    if (runtime === name || runtime.startsWith(`${name}-`)) return name;
  }
  return null;
}

/** Times the backends on the sweep's first shard and returns the one every shard will run. */
export async function resolveAutoBackend(plan: SweepPlan): Promise<BackendName> {
  if (plan.shardCount === 0) return 'js';
  const { start, end } = plan.shardRange(0);
  const auto = (await createBackend('auto')) as AutoBackend;
  for (const { batch } of buildBatches(plan, start, end)) await auto.simulate(batch);
  const picks = new Set(auto.describe().map((choice) => backendNameOf(choice.backend) ?? 'js'));
  return picks.size === 1 ? [...picks][0] : 'js';
}

/**
 * The backend of this sweep: an explicit one as asked; `auto` -> what an
 * earlier session of the same sweep recorded, else a fresh choice.
 */
export async function chooseBackend(requested: BackendName, recorded: string | undefined, plan: SweepPlan): Promise<BackendName> {
  if (requested !== 'auto') return requested;
  const earlier = recorded === undefined ? null : backendNameOf(recorded);
  if (earlier !== null) return earlier;
  return resolveAutoBackend(plan);
}
