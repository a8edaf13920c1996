/**
 * Errors of the wire protocol. A message that cannot be decoded or speaks
 * another protocol version is unrecoverable for that message (retryable:
 * false): the worker terminates it instead of retrying.
 */
import { PatternsweepError } from '../errors/index.js';

export class ProtocolError extends PatternsweepError {
  override readonly name: string = 'ProtocolError';
  constructor(message: string, options?: { cause?: unknown }, code = 'E_PROTOCOL') {
    super(code, message, { ...options, retryable: false });
  }
}

/** Bytes that are not a valid message of the expected type. */
export class ProtocolDecodeError extends ProtocolError {
  override readonly name = 'ProtocolDecodeError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options, 'E_PROTOCOL_DECODE');
  }
}

/** A message from a build that speaks another protocol version. */
export class ProtocolVersionError extends ProtocolError {
  override readonly name = 'ProtocolVersionError';
  constructor(
    readonly messageType: string,
    readonly received: number,
    readonly supported: number,
  ) {
    super(
      `${messageType} has protocol version ${received}, but this build of patternsweep speaks version ${supported}; ` +
        `run coordinator and workers from compatible releases`,
      undefined,
      'E_PROTOCOL_VERSION',
    );
  }
}
