/** Maps the shared NATS flags (cli/nats-options.ts) to queue/jetstream connection input. */
import { InvalidArgumentError } from 'commander';
import type { NatsConnectionInput } from '../../queue/jetstream/index.js';
import { splitUrlCredentials } from '../../queue/jetstream/index.js';
import type { NatsCliOptions } from '../nats-options.js';
import { registerSecret, resolveSecret } from '../secrets.js';

/**
 * Resolves the secrets (files, environment, flags: cli/secrets.ts) and
 * remembers them, with any in the URLs, so no message can print them.
 */
export function natsConnectionInput(o: NatsCliOptions, env: NodeJS.ProcessEnv = process.env): NatsConnectionInput {
  const password = resolveSecret(
    { flag: '--password', fileFlag: '--password-file', envName: 'NATS_PASSWORD', fileEnv: 'PATTERNSWEEP_NATS_PASSWORD_FILE' },
    { value: o.password, fromCommandLine: o.passwordOnCommandLine === true, file: o.passwordFile },
    env,
  );
  const token = resolveSecret(
    { flag: '--token', fileFlag: '--token-file', envName: 'NATS_TOKEN', fileEnv: 'PATTERNSWEEP_NATS_TOKEN_FILE' },
    { value: o.token, fromCommandLine: o.tokenOnCommandLine === true, file: o.tokenFile },
    env,
  );
  registerSecret(env.PATTERNSWEEP_NATS_PASSWORD);
  registerSecret(env.PATTERNSWEEP_NATS_TOKEN);
  const servers = o.nats ?? env.PATTERNSWEEP_NATS_URL;
  if (servers !== undefined) {
    try {
      const inUrl = splitUrlCredentials(servers.split(',').map((s) => s.trim()));
      registerSecret(inUrl.password);
      registerSecret(inUrl.token);
    } catch {
      // resolveNatsConnection reports malformed URL credentials; here we only collect secrets.
    }
  }
  return {
    servers: o.nats,
    creds: o.creds,
    nkey: o.nkey,
    user: o.user,
    password,
    token,
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
