/**
 * Specs in the `<ns>-specs` KV bucket, keyed by spec hash. The coordinator puts
 * a SweepEnvelope there before it enqueues any shard; workers read it once per
 * sweep and cache it (a spec never changes under its hash).
 */
import type { KV } from '@nats-io/kv';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { decodeSweepEnvelope, encodeSweepEnvelope, type SweepEnvelope } from '../../proto/index.js';
import { parseSpec, specHash, type SweepSpec } from '../../sweep/index.js';
import type { SpecReader } from '../contract.js';
import { SpecNotFoundError, SpecStoreEntryError } from '../errors.js';
import { replicasFromEnv } from './topology.js';

export async function openBucket(nc: NatsConnection, bucket: string, maxAgeMs = 0, replicas = replicasFromEnv()): Promise<KV> {
  // create() opens an existing bucket too (same config) and makes it when missing.
  return new Kvm(nc).create(bucket, { history: 1, replicas, ...(maxAgeMs > 0 ? { ttl: maxAgeMs } : {}) });
}

export async function putSweepSpec(kv: KV, envelope: SweepEnvelope): Promise<void> {
  await kv.put(envelope.specHash, encodeSweepEnvelope(envelope));
}

/**
 * Reads a stored spec the way the CLI reads a spec file (issue 13, point 4):
 * the text the user wrote goes through the same parser and validator
 * (sweep/ parseSpec), and the result must hash to its key; a forged or
 * corrupt entry (`patterns: 2e6`, `shardSize: 0`) is refused before any shard
 * runs. An envelope without the text (an older coordinator) is checked by
 * hash only.
 */
export function specFromEnvelope(hash: string, envelope: SweepEnvelope): SweepSpec {
  let spec: SweepSpec;
  try {
    spec = envelope.specYaml !== '' ? parseSpec(envelope.specYaml, `spec ${hash.slice(0, 12)} (spec bucket)`) : (JSON.parse(envelope.specJson) as SweepSpec);
  } catch (error) {
    throw new SpecStoreEntryError(`spec stored under ${hash} does not validate: ${(error as Error).message}`, { cause: error });
  }
  const actual = specHash(spec);
  if (actual !== hash) throw new SpecStoreEntryError(`spec stored under ${hash} hashes to ${actual}`);
  return spec;
}

export class SpecCache implements SpecReader {
  readonly #kv: KV;
  readonly #specs = new Map<string, Promise<SweepSpec>>();

  constructor(kv: KV) {
    this.#kv = kv;
  }

  /** The spec stored under `hash`; a failed look-up is not cached, so it is retried on the next shard. */
  get(hash: string): Promise<SweepSpec> {
    let spec = this.#specs.get(hash);
    if (spec === undefined) {
      spec = this.#load(hash);
      spec.catch(() => this.#specs.delete(hash));
      this.#specs.set(hash, spec);
    }
    return spec;
  }

  async #load(hash: string): Promise<SweepSpec> {
    const entry = await this.#kv.get(hash);
    if (entry === null || entry.operation !== 'PUT') throw new SpecNotFoundError(hash);
    return specFromEnvelope(hash, decodeSweepEnvelope(entry.value));
  }
}
