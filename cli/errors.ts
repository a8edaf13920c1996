/**
 * How a command reports a failure. Errors written for the user (a bad spec, a
 * wrong folder, a full disk, a broker that cannot be reached: `userFacing`,
 * errors/index.ts) print as one line, `error: ...`, with the path and a hint;
 * their stack goes to the debug log only. Anything else (a bug) also gets its
 * stack in the machine log at the default level, since that is what a bug
 * report needs. The decision reads the error's contract (`userFacing`, `code`,
 * errno), never its name.
 *
 * Every message passes through `redactSecrets` first, so no secret the user
 * gave (a password, a token, URL credentials) is ever printed (cli/secrets.ts).
 */
import type { Logger } from 'pino';
import { isUserFacing, toErrorRecord } from '../errors/index.js';
import { EXIT } from './command.js';
import { redactSecrets } from './secrets.js';

/** Connection failures (queue/jetstream/connection.ts codes): the message names the (redacted) URL; the hint says what to check. */
const CONNECTION_HINTS: Readonly<Record<string, string>> = {
  E_NATS_AUTH: 'check the credentials (--user/--password-file, --token-file, --nkey, --creds)',
  E_NATS_CONNECT: 'check the URL (--nats), that nats-server is running with JetStream (-js) and reachable from here',
};

const ERRNO_PHRASES: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device; free some space and rerun (a sweep resumes where it stopped)',
  EDQUOT: 'disk quota exceeded; free some space and rerun (a sweep resumes where it stopped)',
  EROFS: 'the file system is read-only; use another --out',
  EACCES: 'permission denied; use another --out or fix the permissions',
  EPERM: 'operation not permitted; use another --out or fix the permissions',
  ENOTDIR: 'a part of the path is a file, not a folder; use another --out',
  EEXIST: 'it exists and is not a folder; use another --out',
  EISDIR: 'it is a folder, not a file',
  ENOENT: 'no such file or folder',
  EMFILE: 'too many open files; raise the limit (ulimit -n) and rerun',
};

interface Described {
  readonly line: string;
  /** Expected for the user: stack only in debug logs. */
  readonly expected: boolean;
}

function errnoError(error: unknown): NodeJS.ErrnoException | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code in ERRNO_PHRASES) return e as NodeJS.ErrnoException;
  }
  return undefined;
}

/** The one line printed for `error`, and whether it was expected (user-facing). */
export function describeCommandError(error: unknown): Described {
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (e as { code?: unknown }).code;
  const hint = isUserFacing(e) && typeof code === 'string' ? CONNECTION_HINTS[code] : undefined;
  if (hint !== undefined) return { line: `${e.message}; ${hint}`, expected: true };
  if (isUserFacing(e)) return { line: e.message, expected: true };
  const errno = errnoError(e);
  if (errno !== undefined) {
    const where = errno.path !== undefined ? `${errno.path}: ` : '';
    return { line: `${where}${ERRNO_PHRASES[errno.code!]}`, expected: true };
  }
  // A disk filling up under DuckDB surfaces as its own IO Error, with no errno.
  if (/no space left on device/i.test(e.message)) {
    return { line: `${firstLine(e.message)}; free some space and rerun (a sweep resumes where it stopped)`, expected: true };
  }
  return { line: firstLine(e.message), expected: false };
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

/** The error as pino would log it, with every known secret masked (messages may quote a URL). */
function loggable(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: redactSecrets(String(error)) };
  const causes: string[] = [];
  for (let c: unknown = error.cause; c instanceof Error && causes.length < 5; c = c.cause) causes.push(redactSecrets(c.message));
  return {
    type: error.name,
    code: toErrorRecord(error).code,
    message: redactSecrets(error.message),
    stack: redactSecrets(error.stack ?? ''),
    causes,
  };
}

export function reportCommandError(error: unknown, logger: Logger): number {
  const { line, expected } = describeCommandError(error);
  if (expected) logger.debug({ err: loggable(error) }, 'command failed');
  else logger.error({ err: loggable(error) }, 'command failed');
  process.stderr.write(`error: ${redactSecrets(line)}\n`);
  return EXIT.error;
}
