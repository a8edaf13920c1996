/**
 * Parsers for option values shared by several commands. Each throws commander's
 * InvalidArgumentError, so a bad value reads e.g.
 * `error: option '--threads <n>' argument 'x' is invalid. threads must be an integer in [1, 1024]`.
 */
import { isIP } from 'node:net';
import { InvalidArgumentError } from 'commander';
import { PatternsweepError } from '../errors/index.js';
import { redactSecrets } from './secrets.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function parseThreads(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < 1 || n > 1024) {
    throw new InvalidArgumentError('threads must be an integer in [1, 1024]');
  }
  return n;
}

/** A TCP port for an HTTP endpoint; 0 picks any free port. */
export function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 65535) {
    throw new InvalidArgumentError('port must be an integer in [0, 65535]');
  }
  return n;
}

/** `a,b` -> ['a', 'b']: axis names (dotted spec paths or their column names). */
export function parseAxisList(value: string): string[] {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (names.length === 0) throw new InvalidArgumentError('expected a comma-separated list of axis names, e.g. beta,algorithm.rule');
  for (const name of names) {
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name)) {
      throw new InvalidArgumentError(`'${name}' is not an axis name (letters, digits, '_' and '.')`);
    }
  }
  return names;
}

export function parseNatsUrl(value: string): string {
  const parts = value.split(',').map((s) => s.trim());
  for (const part of parts) {
    if (!/^(nats|tls|ws|wss):\/\/[^\s]+$/.test(part) && !/^[A-Za-z0-9.-]+:\d+$/.test(part)) {
      // Never echo credentials the URL may carry (commander prints the value too: see redactArgument).
      throw new InvalidArgumentError(`'${redactSecrets(part)}' is not a NATS server URL (nats://host:port, tls://host:port or host:port)`);
    }
  }
  return value;
}

/** The log level without --log-level or PATTERNSWEEP_LOG_LEVEL: progress goes to the TTY, logs stay quiet. */
export const DEFAULT_LOG_LEVEL: LogLevel = 'warn';

/** Thrown for a PATTERNSWEEP_LOG_LEVEL that is not a level (the CLI reports it as a usage error first). */
export class LogLevelError extends PatternsweepError {
  override readonly name = 'LogLevelError';
  constructor(value: string) {
    super('LOG_LEVEL', `PATTERNSWEEP_LOG_LEVEL: '${value}' is not a log level; allowed: ${LOG_LEVELS.join(', ')}`, { userFacing: true });
  }
}

/** The log level from PATTERNSWEEP_LOG_LEVEL (unset or empty: `warn`); any other value is a LogLevelError, never ignored. */
export function defaultLogLevel(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const fromEnv = env.PATTERNSWEEP_LOG_LEVEL;
  if (fromEnv === undefined || fromEnv === '') return DEFAULT_LOG_LEVEL;
  if (!(LOG_LEVELS as readonly string[]).includes(fromEnv)) throw new LogLevelError(fromEnv);
  return fromEnv as LogLevel;
}

/** `--max-spec-bytes`: a whole number of bytes >= 1 (default 1 MiB, sweep/spec-file.ts). */
export function parseMaxSpecBytes(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError('max-spec-bytes must be a whole number of bytes >= 1 (default 1048576 = 1 MiB)');
  }
  return n;
}

/** `--metrics-host` / `--health-host`: an IP address or host name to bind (0.0.0.0 for every interface). */
export function parseBindHost(value: string): string {
  const host = value.trim();
  if (isIP(host) === 0 && !/^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/.test(host)) {
    throw new InvalidArgumentError('expected an IP address (127.0.0.1, 0.0.0.0, ::) or a host name');
  }
  return host;
}
