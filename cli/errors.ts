/**
 * How a command reports a failure: known user errors (bad spec, wrong folder)
 * as their message alone; anything else with its stack in the machine log.
 */
import type { Logger } from 'pino';
import { EXIT } from './command.js';

/** Errors whose message is written for the user; no stack trace needed. */
const USER_ERRORS = new Set([
  'SpecError',
  'SpecFileError',
  'StoreSpecMismatchError',
  'StoreMissingError',
  'StoreBusyError',
  'StoreAxisError',
  'ShardPoolOptionError',
  'DispatchOptionError',
  'ModelParameterError',
]);

export function reportCommandError(error: unknown, logger: Logger): number {
  const e = error instanceof Error ? error : new Error(String(error));
  if (USER_ERRORS.has(e.name)) {
    process.stderr.write(`error: ${e.message}\n`);
    logger.debug({ err: e }, 'command failed');
    return EXIT.error;
  }
  logger.error({ err: e }, 'command failed');
  process.stderr.write(`error: ${e.message}\n`);
  return EXIT.error;
}
