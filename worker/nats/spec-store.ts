/**
 * Specs in the `<ns>-specs` KV bucket, keyed by spec hash. The coordinator puts
 * a SweepEnvelope there before it enqueues any shard; workers read it once per
 * sweep and cache it (a spec never changes under its hash).
 */
import type { KV } from '@nats-io/kv';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { decodeSweepEnvelope, encodeSweepEnvelope, type SweepEnvelope } from '../../proto/index.js';
import { specHash, type SweepSpec } from '../../sweep/index.js';
import { replicasFromEnv, type ClusterNames } from './topology.js';

export class SpecNotFoundError extends Error {
  override readonly name = 'SpecNotFoundError';
  readonly code = 'E_SPEC_NOT_FOUND';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The stored spec does not hash to its key: a corrupt or foreign entry; retrying will not help. */
export class UnrecoverableSpecMismatchError extends Error {
  override readonly name = 'UnrecoverableSpecMismatchError';
  readonly code = 'E_SPEC_MISMATCH';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export async function openBucket(nc: NatsConnection, bucket: string, maxAgeMs = 0, replicas = replicasFromEnv()): Promise<KV> {
  // create() opens an existing bucket too (same config) and makes it when missing.
  return new Kvm(nc).create(bucket, { history: 1, replicas, ...(maxAgeMs > 0 ? { ttl: maxAgeMs } : {}) });
}

export async function putSweepSpec(kv: KV, envelope: SweepEnvelope): Promise<void> {
  await kv.put(envelope.specHash, encodeSweepEnvelope(envelope));
}

export class SpecCache {
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
    if (entry === null || entry.operation !== 'PUT') {
      throw new SpecNotFoundError(`spec ${hash} is not in the spec bucket (has the coordinator stored it?)`);
    }
    const envelope = decodeSweepEnvelope(entry.value);
    const spec = JSON.parse(envelope.specJson) as SweepSpec;
    const actual = specHash(spec);
    if (actual !== hash) {
      throw new UnrecoverableSpecMismatchError(`spec stored under ${hash} hashes to ${actual}`);
    }
    return spec;
  }
}
