/** Maps the shared NATS flags (cli/nats-options.ts) to queue/jetstream connection input. */
import { InvalidArgumentError } from 'commander';
import type { NatsConnectionInput } from '../../queue/jetstream/index.js';
import type { NatsCliOptions } from '../nats-options.js';

export function natsConnectionInput(o: NatsCliOptions): NatsConnectionInput {
  return {
    servers: o.nats,
    creds: o.creds,
    nkey: o.nkey,
    user: o.user,
    password: o.password,
    token: o.token,
    tlsCa: o.tlsCa,
    tlsCert: o.tlsCert,
    tlsKey: o.tlsKey,
  };
}

export function namespaceOf(o: { namespace?: string }, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return o.namespace ?? (env.PATTERNSWEEP_NATS_NAMESPACE || undefined);
}

export function parseMillis(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
    throw new InvalidArgumentError('expected a whole number of milliseconds >= 0');
  }
  return n;
}
