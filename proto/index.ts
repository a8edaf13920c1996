/**
 * Typed encode/decode of every message that crosses a process boundary in
 * cluster mode (ARCHITECTURE.md "Cluster protocol"). Decoders refuse bytes
 * that are not the expected message and messages of another protocol version.
 *
 * Float64 columns travel little-endian (proto/patternsweep.proto); the copy
 * before viewing keeps Float64Array aligned whatever offset the wire buffer has.
 */
import { patternsweep } from './generated/patternsweep.js';
import { STAT_NAMES, type StatName } from '../model/stats.js';
import { ProtocolDecodeError, ProtocolError, ProtocolVersionError } from './errors.js';

export { ProtocolError, ProtocolDecodeError, ProtocolVersionError } from './errors.js';

/** The version this build speaks. Bump on any change of meaning (see the .proto header). */
export const PROTOCOL_VERSION = 1;

const EMPTY = new Uint8Array(0);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** float64 values -> little-endian bytes (a copy). */
export function float64ToBytes(values: Float64Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
  return out;
}

/** Little-endian bytes -> float64 values (a copy, so the view is aligned). */
export function bytesToFloat64(bytes: Uint8Array, field: string): Float64Array {
  if (bytes.byteLength % 8 !== 0) {
    throw new ProtocolDecodeError(`${field}: ${bytes.byteLength} bytes is not a whole number of float64 values`);
  }
  // new Uint8Array(view) copies into a fresh, exactly sized buffer; Buffer#slice
  // (protobufjs hands out Buffers under Node) would not copy.
  if (LITTLE_ENDIAN) return new Float64Array(new Uint8Array(bytes).buffer);
  const out = new Float64Array(bytes.byteLength / 8);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}

export interface SweepEnvelope {
  sweepId: string;
  specHash: string;
  specJson: string;
  specYaml: string;
  createdMs: number;
}

export interface ShardMessage {
  sweepId: string;
  specHash: string;
  shard: number;
  start: number;
  end: number;
  /** Enqueue round, 1 for the first enqueue. */
  attempt: number;
  backend: string;
  /** The enqueuing coordinator session (dedupe scope of results). */
  runId: string;
}

export interface TrajectoryColumns {
  points: number;
  time: Float64Array;
  acc: Float64Array;
  piOpt: Float64Array;
}

export interface ShardResultMessage {
  sweepId: string;
  specHash: string;
  shard: number;
  start: number;
  end: number;
  columns: Record<StatName, Float64Array>;
  trajectory: TrajectoryColumns | null;
  /**
   * keep.runs: false only: the shard's per-point aggregates (sweep/
   * point-aggregates.ts PointAggregates; `columns` are then empty). Carried by
   * the in-memory queue only: the wire encoding has no field for it yet, so
   * cluster mode refuses such specs (cli/commands/run.ts).
   */
  points?: unknown;
  backend: string;
  workerId: string;
  elapsedMs: number;
  attempt: number;
  runId: string;
}

export interface ShardFailureMessage {
  sweepId: string;
  shard: number;
  start: number;
  end: number;
  errorName: string;
  errorMessage: string;
  attempt: number;
  workerId: string;
  final: boolean;
  workSeq: number;
  runId: string;
}

export interface HeartbeatMessage {
  workerId: string;
  host: string;
  pid: number;
  threads: number;
  busy: number;
  shardsDone: number;
  shardsFailed: number;
  version: string;
  timeMs: number;
}

export type SweepState = 'running' | 'finished' | 'aborted';

export interface ProgressMessage {
  sweepId: string;
  specHash: string;
  state: SweepState;
  done: number;
  failed: number;
  total: number;
  inFlight: number;
  runsDone: number;
  runsTotal: number;
  runsPerSecond: number;
  startedMs: number;
  updatedMs: number;
  failedShards: number[];
  /** Worker messages refused as protocol errors (0 from coordinators that do not count them). */
  protocolErrors: number;
}

interface Versioned {
  protocolVersion: number;
}

function decodeVersioned<T extends Versioned>(decode: (bytes: Uint8Array) => T, type: string, bytes: Uint8Array): T {
  let message: T;
  try {
    message = decode(bytes);
  } catch (cause) {
    throw new ProtocolDecodeError(`${type}: ${bytes.byteLength} bytes are not a valid ${type} message`, { cause });
  }
  if (message.protocolVersion !== PROTOCOL_VERSION) {
    throw new ProtocolVersionError(type, message.protocolVersion, PROTOCOL_VERSION);
  }
  return message;
}

function safeIndex(type: string, field: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ProtocolDecodeError(`${type}.${field}: ${value} is not an integer in [0, 2^53)`);
  }
  return value;
}

function checkRange(type: string, start: number, end: number): void {
  safeIndex(type, 'start', start);
  safeIndex(type, 'end', end);
  if (end <= start) throw new ProtocolDecodeError(`${type}: end ${end} is not > start ${start}`);
}

export function encodeSweepEnvelope(m: SweepEnvelope): Uint8Array {
  return patternsweep.SweepEnvelope.encode({ protocolVersion: PROTOCOL_VERSION, ...m }).finish();
}

export function decodeSweepEnvelope(bytes: Uint8Array): SweepEnvelope {
  const m = decodeVersioned((b) => patternsweep.SweepEnvelope.decode(b), 'SweepEnvelope', bytes);
  if (m.specHash === '' || m.specJson === '') throw new ProtocolDecodeError('SweepEnvelope: spec_hash and spec_json are required');
  return { sweepId: m.sweepId, specHash: m.specHash, specJson: m.specJson, specYaml: m.specYaml, createdMs: m.createdMs };
}

export function encodeShard(m: ShardMessage): Uint8Array {
  return patternsweep.Shard.encode({ protocolVersion: PROTOCOL_VERSION, ...m }).finish();
}

export function decodeShard(bytes: Uint8Array): ShardMessage {
  const m = decodeVersioned((b) => patternsweep.Shard.decode(b), 'Shard', bytes);
  if (m.sweepId === '' || m.specHash === '') throw new ProtocolDecodeError('Shard: sweep_id and spec_hash are required');
  safeIndex('Shard', 'shard', m.shard);
  checkRange('Shard', m.start, m.end);
  return {
    sweepId: m.sweepId,
    specHash: m.specHash,
    shard: m.shard,
    start: m.start,
    end: m.end,
    attempt: m.attempt,
    backend: m.backend,
    runId: m.runId,
  };
}

export function encodeShardResult(m: ShardResultMessage): Uint8Array {
  const n = m.end - m.start;
  const columns = STAT_NAMES.map((name) => {
    const values = m.columns[name];
    if (values.length !== n) {
      throw new ProtocolError(`ShardResult column ${name}: ${values.length} values, expected end - start = ${n}`);
    }
    return { name, values: float64ToBytes(values) };
  });
  const t = m.trajectory;
  return patternsweep.ShardResult.encode({
    protocolVersion: PROTOCOL_VERSION,
    sweepId: m.sweepId,
    specHash: m.specHash,
    shard: m.shard,
    start: m.start,
    end: m.end,
    columns,
    trajectory: t === null
      ? null
      : { points: t.points, time: float64ToBytes(t.time), acc: float64ToBytes(t.acc), piOpt: float64ToBytes(t.piOpt) },
    backend: m.backend,
    workerId: m.workerId,
    elapsedMs: m.elapsedMs,
    attempt: m.attempt,
    runId: m.runId,
  }).finish();
}

export function decodeShardResult(bytes: Uint8Array): ShardResultMessage {
  const m = decodeVersioned((b) => patternsweep.ShardResult.decode(b), 'ShardResult', bytes);
  safeIndex('ShardResult', 'shard', m.shard);
  checkRange('ShardResult', m.start, m.end);
  const n = m.end - m.start;
  const byName = new Map(m.columns.map((c) => [c.name ?? '', c.values ?? EMPTY]));
  const columns = {} as Record<StatName, Float64Array>;
  // Columns this build does not know are ignored (a newer worker may add some);
  // a missing one is an error: the store needs every STAT_NAMES column.
  for (const name of STAT_NAMES) {
    const raw = byName.get(name);
    if (raw === undefined) throw new ProtocolDecodeError(`ShardResult: column ${name} is missing`);
    const values = bytesToFloat64(raw, `ShardResult column ${name}`);
    if (values.length !== n) {
      throw new ProtocolDecodeError(`ShardResult column ${name}: ${values.length} values, expected end - start = ${n}`);
    }
    columns[name] = values;
  }
  let trajectory: TrajectoryColumns | null = null;
  const points = m.trajectory?.points ?? 0;
  if (m.trajectory != null && points > 0) {
    const t = m.trajectory;
    const decoded: TrajectoryColumns = {
      points,
      time: bytesToFloat64(t.time ?? EMPTY, 'ShardResult trajectory.time'),
      acc: bytesToFloat64(t.acc ?? EMPTY, 'ShardResult trajectory.acc'),
      piOpt: bytesToFloat64(t.piOpt ?? EMPTY, 'ShardResult trajectory.pi_opt'),
    };
    for (const key of ['time', 'acc', 'piOpt'] as const) {
      if (decoded[key].length !== n * points) {
        throw new ProtocolDecodeError(
          `ShardResult trajectory.${key}: ${decoded[key].length} values, expected ${n} runs x ${points} points`,
        );
      }
    }
    trajectory = decoded;
  }
  return {
    sweepId: m.sweepId,
    specHash: m.specHash,
    shard: m.shard,
    start: m.start,
    end: m.end,
    columns,
    trajectory,
    backend: m.backend,
    workerId: m.workerId,
    elapsedMs: m.elapsedMs,
    attempt: m.attempt,
    runId: m.runId,
  };
}

export function encodeShardFailure(m: ShardFailureMessage): Uint8Array {
  return patternsweep.ShardFailure.encode({ protocolVersion: PROTOCOL_VERSION, ...m }).finish();
}

export function decodeShardFailure(bytes: Uint8Array): ShardFailureMessage {
  const m = decodeVersioned((b) => patternsweep.ShardFailure.decode(b), 'ShardFailure', bytes);
  safeIndex('ShardFailure', 'shard', m.shard);
  return {
    sweepId: m.sweepId,
    shard: m.shard,
    start: m.start,
    end: m.end,
    errorName: m.errorName,
    errorMessage: m.errorMessage,
    attempt: m.attempt,
    workerId: m.workerId,
    final: m.final,
    workSeq: m.workSeq,
    runId: m.runId,
  };
}

export function encodeHeartbeat(m: HeartbeatMessage): Uint8Array {
  return patternsweep.Heartbeat.encode({ protocolVersion: PROTOCOL_VERSION, ...m }).finish();
}

export function decodeHeartbeat(bytes: Uint8Array): HeartbeatMessage {
  const m = decodeVersioned((b) => patternsweep.Heartbeat.decode(b), 'Heartbeat', bytes);
  return {
    workerId: m.workerId,
    host: m.host,
    pid: m.pid,
    threads: m.threads,
    busy: m.busy,
    shardsDone: m.shardsDone,
    shardsFailed: m.shardsFailed,
    version: m.version,
    timeMs: m.timeMs,
  };
}

const SWEEP_STATES: readonly SweepState[] = ['running', 'finished', 'aborted'];

export function encodeProgress(m: ProgressMessage): Uint8Array {
  return patternsweep.Progress.encode({ protocolVersion: PROTOCOL_VERSION, ...m }).finish();
}

export function decodeProgress(bytes: Uint8Array): ProgressMessage {
  const m = decodeVersioned((b) => patternsweep.Progress.decode(b), 'Progress', bytes);
  const state = SWEEP_STATES.find((s) => s === m.state);
  if (state === undefined) throw new ProtocolDecodeError(`Progress.state: "${m.state}" is not one of ${SWEEP_STATES.join(', ')}`);
  return {
    sweepId: m.sweepId,
    specHash: m.specHash,
    state,
    done: m.done,
    failed: m.failed,
    total: m.total,
    inFlight: m.inFlight,
    runsDone: m.runsDone,
    runsTotal: m.runsTotal,
    runsPerSecond: m.runsPerSecond,
    startedMs: m.startedMs,
    updatedMs: m.updatedMs,
    failedShards: [...m.failedShards],
    protocolErrors: m.protocolErrors ?? 0,
  };
}
