/**
 * Errors of the wire protocol. A message that cannot be decoded or speaks
 * another protocol version is unrecoverable for that message: the worker
 * terminates it instead of retrying (STYLE.md: errors decide retry policy).
 */
export class ProtocolError extends Error {
  override readonly name: string = 'ProtocolError';
  readonly code: string = 'E_PROTOCOL';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Bytes that are not a valid message of the expected type. */
export class ProtocolDecodeError extends ProtocolError {
  override readonly name = 'ProtocolDecodeError';
  override readonly code = 'E_PROTOCOL_DECODE';
}

/** A message from a build that speaks another protocol version. */
export class ProtocolVersionError extends ProtocolError {
  override readonly name = 'ProtocolVersionError';
  override readonly code = 'E_PROTOCOL_VERSION';
  constructor(
    readonly messageType: string,
    readonly received: number,
    readonly supported: number,
  ) {
    super(
      `${messageType} has protocol version ${received}, but this build of patternsweep speaks version ${supported}; ` +
        `run coordinator and workers from compatible releases`,
    );
  }
}
