/**
 * How a command reports a failure: errors written for the user (a bad spec, a
 * wrong folder, an unreachable broker: `userFacing`, errors/index.ts) as their
 * message alone; anything else also with its stack in the machine log. The
 * decision reads the error's contract, never its name.
 */
import type { Logger } from 'pino';
import { isUserFacing, toErrorRecord } from '../errors/index.js';
import { EXIT } from './command.js';

export function reportCommandError(error: unknown, logger: Logger): number {
  const e = error instanceof Error ? error : new Error(String(error));
  if (isUserFacing(error)) {
    process.stderr.write(`error: ${e.message}\n`);
    logger.debug({ err: e, code: toErrorRecord(error).code }, 'command failed');
    return EXIT.error;
  }
  logger.error({ err: e }, 'command failed');
  process.stderr.write(`error: ${e.message}\n`);
  return EXIT.error;
}
