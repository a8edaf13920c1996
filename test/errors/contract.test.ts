import t from 'tap';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import {
  fromErrorRecord,
  INTERNAL_ERROR_CODE,
  isRetryable,
  isUserFacing,
  PatternsweepError,
  toErrorRecord,
} from '../../errors/index.js';

class SampleSpecError extends PatternsweepError {
  override readonly name = 'SampleSpecError';
  constructor(message: string) {
    super('SAMPLE_SPEC', message, { userFacing: true });
  }
}

t.test('a PatternsweepError keeps code, retryable and userFacing through a record', async (t) => {
  const e = new SampleSpecError('patterns: 0 is not an integer >= 2');
  const record = toErrorRecord(e);
  t.same(record, { name: 'SampleSpecError', code: 'SAMPLE_SPEC', message: e.message, retryable: false, userFacing: true });
  const back = fromErrorRecord(record);
  t.ok(back instanceof PatternsweepError);
  t.equal(back.name, 'SampleSpecError');
  t.equal(back.code, 'SAMPLE_SPEC');
  t.equal(isRetryable(back), false);
  t.equal(isUserFacing(back), true);
});

t.test('the record survives structured clone (thread crossing), the class does not', async (t) => {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(toErrorRecord(new PatternsweepError('X', 'boom', { retryable: true })));
  const cloned = receiveMessageOnPort(port2)?.message as unknown;
  port1.close();
  t.same(cloned, { name: 'PatternsweepError', code: 'X', message: 'boom', retryable: true, userFacing: false });
  t.equal(isRetryable(cloned), true);
});

t.test('foreign errors are internal, retryable and not user-facing', async (t) => {
  t.same(toErrorRecord(new RangeError('offset out of range')), {
    name: 'RangeError',
    code: INTERNAL_ERROR_CODE,
    message: 'offset out of range',
    retryable: true,
    userFacing: false,
  });
  t.equal(toErrorRecord('plain string').message, 'plain string');
  t.equal(toErrorRecord(42).code, INTERNAL_ERROR_CODE);
});
