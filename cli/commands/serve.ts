/**
 * `patternsweep serve DIR [--port N] [--host H]`: the dashboard of a finished
 * or stopped sweep (the same page `run --ui` serves live), until Ctrl-C.
 */
import type { Command } from 'commander';
import { DEFAULT_UI_PORT, readAddress, startDashboard, storedSource, type Dashboard } from '../../coordinator/index.js';
import { StoreBusyError } from '../../coordinator/index.js';
import { EXIT, type CommandInvocation, type CommandModule } from '../command.js';
import { reportCommandError } from '../errors.js';
import { createLogger } from '../log.js';
import { parsePort, type LogLevel } from '../options.js';

export const serveCommand: CommandModule = {
  name: 'serve',
  define(program: Command): Command {
    return program
      .command('serve')
      .description('open the dashboard on a stored sweep (finished or stopped); Ctrl-C stops it')
      .argument('<dir>', 'output folder of a sweep (holds sweep.duckdb)')
      .option('--port <port>', `port (0 = any free port; default ${DEFAULT_UI_PORT})`, parsePort)
      .option('--host <host>', 'interface, e.g. 0.0.0.0 to open it to the network (default 127.0.0.1)');
  },
  async execute(invocation: CommandInvocation): Promise<number> {
    const logger = createLogger(invocation.options.logLevel as LogLevel | undefined);
    let dashboard: Dashboard | undefined;
    try {
      const source = await storedSource(invocation.args[0]);
      try {
        dashboard = await startDashboard(
          source,
          { port: (invocation.options.port as number | undefined) ?? DEFAULT_UI_PORT, host: invocation.options.host as string | undefined },
          logger,
        );
      } catch (error) {
        await source.close();
        throw error;
      }
      process.stdout.write(`dashboard: ${dashboard.url}/ (Ctrl-C to stop)\n`);
      const signal = await new Promise<NodeJS.Signals>((resolve) => {
        process.once('SIGINT', () => resolve('SIGINT'));
        process.once('SIGTERM', () => resolve('SIGTERM'));
      });
      logger.info({ signal }, 'dashboard stopping');
      return EXIT.ok;
    } catch (error) {
      // The sweep is running: its coordinator already serves the dashboard.
      const address = error instanceof StoreBusyError ? await readAddress(invocation.args[0]).catch(() => null) : null;
      if (address !== null) {
        process.stderr.write(`error: ${invocation.args[0]} is being written by a running sweep; its dashboard is at ${address.url}/\n`);
        return EXIT.error;
      }
      return reportCommandError(error, logger);
    } finally {
      await dashboard?.close();
    }
  },
};
