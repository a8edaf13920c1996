/**
 * How a command reports a failure. Errors written for the user (a bad spec, a
 * wrong folder, a full disk, a broker that cannot be reached) print as one
 * line, `error: ...`, with the path and a hint; their stack goes to the debug
 * log only. Anything else (a bug) also gets its stack in the machine log at
 * the default level, since that is what a bug report needs.
 *
 * Every message passes through `redactSecrets` first, so no secret the user
 * gave (a password, a token, URL credentials) is ever printed (cli/secrets.ts).
 */
import type { Logger } from 'pino';
import { isUserFacing } from '../errors/index.js';
import { EXIT } from './command.js';
import { redactSecrets } from './secrets.js';

/** Errors that predate the PatternsweepError contract but are written for the user too. */
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
  'NatsOptionError',
  'ClusterNameError',
  'ReportError',
  'ReportOptionError',
]);

/** Connection failures: the message names the (redacted) URL; the hint says what to check. */
const CONNECTION_ERRORS = new Set(['NatsConnectionError', 'NatsAuthError']);

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
  if (isUserFacing(e) || USER_ERRORS.has(e.name)) return { line: e.message, expected: true };
  if (CONNECTION_ERRORS.has(e.name)) {
    const hint =
      e.name === 'NatsAuthError'
        ? 'check the credentials (--user/--password-file, --token-file, --nkey, --creds)'
        : 'check the URL (--nats), that nats-server is running with JetStream (-js) and reachable from here';
    return { line: `${e.message}; ${hint}`, expected: true };
  }
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
    code: (error as { code?: unknown }).code,
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
