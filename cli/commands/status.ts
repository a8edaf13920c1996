/** `patternsweep status --nats URL [SWEEP]`: progress, rate, ETA, live workers, failed shards. */
import { Option, type Command } from 'commander';
import type { NatsConnection } from '@nats-io/transport-node';
import { formatClusterStatus, readClusterStatus } from '../../coordinator/nats/index.js';
import { connectNats, resolveNatsConnection } from '../../queue/jetstream/index.js';
import { EXIT, type CommandInvocation, type CommandModule } from '../command.js';
import { reportCommandError } from '../errors.js';
import { createLogger } from '../log.js';
import { addNatsOptions, type NatsCliOptions } from '../nats-options.js';
import type { LogLevel } from '../options.js';
import { natsConnectionInput, namespaceOf } from './nats-input.js';

interface StatusCliOptions extends NatsCliOptions {
  readonly namespace?: string;
  readonly json?: boolean;
  readonly logLevel: LogLevel;
}

export const statusCommand: CommandModule = {
  name: 'status',
  define(program: Command): Command {
    const command = program
      .command('status')
      .description('show cluster sweeps (progress, rate, ETA, failed shards) and live workers')
      .argument('[sweep]', 'only this sweep (its id, or its spec name)')
      .addOption(new Option('--namespace <ns>', 'JetStream namespace (streams/buckets prefix)').env('PATTERNSWEEP_NATS_NAMESPACE'))
      .option('--json', 'print JSON instead of text');
    return addNatsOptions(command, { required: true });
  },
  async execute(invocation: CommandInvocation): Promise<number> {
    const options = invocation.options as unknown as StatusCliOptions;
    const logger = createLogger(options.logLevel);
    let nc: NatsConnection | undefined;
    try {
      nc = await connectNats(resolveNatsConnection({ ...natsConnectionInput(options), name: 'patternsweep-status' }), {
        maxReconnectAttempts: 0,
      });
      const status = await readClusterStatus(nc, { namespace: namespaceOf(options), sweep: invocation.args[0] });
      process.stdout.write(options.json === true ? `${JSON.stringify(status, null, 2)}\n` : `${formatClusterStatus(status)}\n`);
      return EXIT.ok;
    } catch (error) {
      return reportCommandError(error, logger);
    } finally {
      if (nc !== undefined && !nc.isClosed()) await nc.close().catch(() => undefined);
    }
  },
};
