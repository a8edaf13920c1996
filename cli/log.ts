/** Machine logs: pino JSON lines on stderr (fd 2). Human progress is written separately. */
import pino, { type Logger } from 'pino';
import { defaultLogLevel, type LogLevel } from './options.js';

export function createLogger(level?: LogLevel): Logger {
  return pino({ name: 'patternsweep', level: level ?? defaultLogLevel() }, pino.destination({ fd: 2, sync: true }));
}
