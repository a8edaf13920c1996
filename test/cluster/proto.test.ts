import t from 'tap';
import { patternsweep } from '../../proto/generated/patternsweep.js';
import {
  bytesToFloat64,
  decodeShard,
  decodeShardResult,
  encodeShard,
  encodeShardResult,
  float64ToBytes,
  PROTOCOL_VERSION,
  ProtocolDecodeError,
  ProtocolError,
  ProtocolVersionError,
} from '../../proto/index.js';
import { STAT_NAMES, type StatName } from '../../model/stats.js';

const shard = { sweepId: 'demo-0123456789ab', specHash: 'ab'.repeat(32), shard: 7, start: 1792, end: 2048, attempt: 1, backend: 'js', runId: 'r1' };

t.test('Shard round-trips, indices up to 2^53 stay plain numbers', async (t) => {
  t.same(decodeShard(encodeShard(shard)), shard);
  const big = { ...shard, start: 2 ** 53 - 10, end: 2 ** 53 - 1 };
  const back = decodeShard(encodeShard(big));
  t.equal(typeof back.start, 'number');
  t.equal(back.end, 2 ** 53 - 1);
});

t.test('float64 columns survive the wire bit for bit (NaN, -0, denormals, unaligned)', async (t) => {
  const values = new Float64Array([Number.NaN, -0, 5e-324, 1 / 3, Number.MAX_VALUE, -Infinity]);
  const bytes = float64ToBytes(values);
  // Force an odd byte offset, as protobuf's reader hands out subarrays.
  const unaligned = new Uint8Array(bytes.length + 1);
  unaligned.set(bytes, 1);
  const back = bytesToFloat64(unaligned.subarray(1), 'x');
  t.same(new Uint8Array(back.buffer), new Uint8Array(values.buffer));
  t.equal(new DataView(bytes.buffer).getFloat64(24, true), 1 / 3, 'little-endian on the wire');
  t.throws(() => bytesToFloat64(new Uint8Array(7), 'col'), ProtocolDecodeError);
});

t.test('ShardResult round-trips every column and the trajectory', async (t) => {
  const n = 3;
  const columns = {} as Record<StatName, Float64Array>;
  STAT_NAMES.forEach((name, j) => (columns[name] = Float64Array.from({ length: n }, (_, i) => i * 0.1 + j)));
  columns.t_conv[1] = Number.NaN;
  const trajectory = { points: 2, time: new Float64Array(6).fill(1), acc: new Float64Array(6).fill(0.5), piOpt: new Float64Array(6).fill(0.25) };
  const msg = { sweepId: 'x-1', specHash: 'h', shard: 4, start: 12, end: 15, columns, trajectory, backend: 'js', workerId: 'w1', elapsedMs: 12.5, attempt: 2, runId: 'r1' };
  const back = decodeShardResult(encodeShardResult(msg));
  t.same(back.columns.t_conv.slice(), columns.t_conv.slice());
  t.ok(Number.isNaN(back.columns.t_conv[1]));
  t.same(back.trajectory?.acc, trajectory.acc);
  t.equal(back.workerId, 'w1');
  t.equal(back.attempt, 2);
  t.throws(() => encodeShardResult({ ...msg, end: 16 }), ProtocolError, 'column length checked on encode');
});

t.test('other protocol versions and garbage are refused with clear errors', async (t) => {
  const future = patternsweep.Shard.encode({ ...shard, protocolVersion: PROTOCOL_VERSION + 1 }).finish();
  t.throws(() => decodeShard(future), {
    name: 'ProtocolVersionError',
    message: `Shard has protocol version ${PROTOCOL_VERSION + 1}, but this build of patternsweep speaks version ${PROTOCOL_VERSION}; run coordinator and workers from compatible releases`,
  });
  t.throws(() => decodeShard(future), ProtocolVersionError);
  t.throws(() => decodeShard(new TextEncoder().encode('this is not protobuf \u00ff\u00fe')), ProtocolDecodeError);
  const bad = patternsweep.Shard.encode({ ...shard, protocolVersion: PROTOCOL_VERSION, start: 10, end: 10 }).finish();
  t.throws(() => decodeShard(bad), { name: 'ProtocolDecodeError', message: 'Shard: end 10 is not > start 10' });
});
