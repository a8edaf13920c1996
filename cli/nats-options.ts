/**
 * Connection flags shared by every command that talks to NATS (`run --nats`,
 * `worker`, `status`, `retry-failed`). Declared once so they read the same everywhere.
 */
import { Option, type Command } from 'commander';
import { parseNatsUrl } from './options.js';

export interface NatsCliOptions {
  readonly nats?: string;
  readonly creds?: string;
  readonly nkey?: string;
  readonly user?: string;
  readonly password?: string;
  readonly token?: string;
  readonly passwordFile?: string;
  readonly tokenFile?: string;
  /** Set when --password / --token came from the command line itself (not the environment): it warns. */
  readonly passwordOnCommandLine?: boolean;
  readonly tokenOnCommandLine?: boolean;
  readonly tlsCa?: string;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
}

export function addNatsOptions(command: Command, { required }: { required: boolean }): Command {
  const url = new Option('--nats <url>', 'NATS server URL(s), comma-separated (nats://host:4222)').argParser(parseNatsUrl);
  if (required) url.makeOptionMandatory();
  // commander emits `option:NAME` only for values from argv (`optionEnv:NAME` for the environment):
  // remember which, so the command can warn that a secret on the command line is visible in ps.
  command.on('option:password', () => command.setOptionValue('passwordOnCommandLine', true));
  command.on('option:token', () => command.setOptionValue('tokenOnCommandLine', true));
  return command
    .addOption(url)
    .addOption(new Option('--creds <file>', 'NATS credentials file (JWT + nkey seed)'))
    .addOption(new Option('--nkey <file>', 'file holding an nkey seed').conflicts('creds'))
    .addOption(new Option('--user <name>', 'NATS user').env('NATS_USER'))
    .addOption(new Option('--password <secret>', 'NATS password (visible in ps: prefer --password-file or NATS_PASSWORD)').env('NATS_PASSWORD'))
    .addOption(new Option('--password-file <file>', 'file holding the NATS password (env PATTERNSWEEP_NATS_PASSWORD_FILE)'))
    .addOption(new Option('--token <secret>', 'NATS auth token (visible in ps: prefer --token-file or NATS_TOKEN)').env('NATS_TOKEN'))
    .addOption(new Option('--token-file <file>', 'file holding the NATS auth token (env PATTERNSWEEP_NATS_TOKEN_FILE)'))
    .addOption(new Option('--tls-ca <file>', 'CA certificate to verify the server'))
    .addOption(new Option('--tls-cert <file>', 'client certificate (mutual TLS)'))
    .addOption(new Option('--tls-key <file>', 'client key (mutual TLS)'));
}
