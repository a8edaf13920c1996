/**
 * Results larger than the server's max_payload (issue 13, point 2): the
 * worker splits the encoded ShardResult into parts that fit, published on
 * `<ns>.out.<sweep>.chunk` with headers naming the result and the part; the
 * coordinator collects the parts of one result and decodes it only when all
 * have arrived, stores it in one transaction like any result, and acks every
 * part after the commit. A worker killed half-way leaves an incomplete set:
 * it is never stored, and the redelivered shard publishes a complete one.
 */
import type { JsMsg } from '@nats-io/jetstream';
import { headers, type MsgHdrs } from '@nats-io/transport-node';

export const CHUNK_ID_HEADER = 'Psweep-Result-Id';
export const CHUNK_INDEX_HEADER = 'Psweep-Chunk';
export const CHUNK_COUNT_HEADER = 'Psweep-Chunks';

/** Room left in every message for the subject, headers and protocol framing. */
export const CHUNK_OVERHEAD_BYTES = 1024;

export interface ResultPart {
  readonly data: Uint8Array;
  readonly headers: MsgHdrs;
  readonly msgId: string;
}

/** Splits `bytes` into parts of at most `maxPayload - CHUNK_OVERHEAD_BYTES` bytes. */
export function splitResult(bytes: Uint8Array, resultId: string, maxPayload: number): ResultPart[] {
  const size = Math.max(1024, maxPayload - CHUNK_OVERHEAD_BYTES);
  const count = Math.ceil(bytes.length / size);
  const parts: ResultPart[] = [];
  for (let i = 0; i < count; i++) {
    const h = headers();
    h.set(CHUNK_ID_HEADER, resultId);
    h.set(CHUNK_INDEX_HEADER, String(i));
    h.set(CHUNK_COUNT_HEADER, String(count));
    parts.push({ data: bytes.subarray(i * size, Math.min(bytes.length, (i + 1) * size)), headers: h, msgId: `${resultId}:chunk:${i}` });
  }
  return parts;
}

interface PartialResult {
  readonly count: number;
  readonly parts: (JsMsg | undefined)[];
  received: number;
}

/** Collects parts per result id; memory is bounded by the results consumer's max_ack_pending. */
export class ResultAssembler {
  readonly #partial = new Map<string, PartialResult>();

  /** Adds one part; returns the whole result and its parts once the last one arrived. */
  add(msg: JsMsg): { bytes: Uint8Array; parts: JsMsg[] } | null {
    const id = msg.headers?.get(CHUNK_ID_HEADER) ?? '';
    const index = Number(msg.headers?.get(CHUNK_INDEX_HEADER));
    const count = Number(msg.headers?.get(CHUNK_COUNT_HEADER));
    if (id === '' || !Number.isInteger(index) || !Number.isInteger(count) || index < 0 || index >= count) {
      throw new RangeError(`result chunk on ${msg.subject}: bad headers (id "${id}", part ${index} of ${count})`);
    }
    let entry = this.#partial.get(id);
    if (entry === undefined || entry.count !== count) {
      entry = { count, parts: new Array<JsMsg | undefined>(count), received: 0 };
      this.#partial.set(id, entry);
    }
    const earlier = entry.parts[index];
    if (earlier !== undefined) {
      // A redelivered part: keep the newer message (its ack is the live one).
      entry.parts[index] = msg;
      return null;
    }
    entry.parts[index] = msg;
    entry.received++;
    if (entry.received < count) return null;
    this.#partial.delete(id);
    const parts = entry.parts as JsMsg[];
    const total = parts.reduce((sum, p) => sum + p.data.length, 0);
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
      bytes.set(p.data, at);
      at += p.data.length;
    }
    return { bytes, parts };
  }
}
