/**
 * Parsers for option values shared by several commands. Each throws commander's
 * InvalidArgumentError, so a bad value reads e.g.
 * `error: option '--threads <n>' argument 'x' is invalid. threads must be an integer in [1, 1024]`.
 */
import { InvalidArgumentError } from 'commander';

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
      throw new InvalidArgumentError(`'${part}' is not a NATS server URL (nats://host:port, tls://host:port or host:port)`);
    }
  }
  return value;
}

/** The default log level: PATTERNSWEEP_LOG_LEVEL if valid, else `warn` (progress goes to the TTY, logs stay quiet). */
export function defaultLogLevel(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const fromEnv = env.PATTERNSWEEP_LOG_LEVEL;
  return (LOG_LEVELS as readonly string[]).includes(fromEnv ?? '') ? (fromEnv as LogLevel) : 'warn';
}
