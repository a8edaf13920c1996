/**
 * The `patternsweep` command line: one program, one subcommand per module of
 * cli/commands/. To add a command, write its CommandModule and list it in COMMANDS.
 */
import { Command, CommanderError, Option } from 'commander';
import { PatternsweepError } from '../errors/index.js';
import type { CommandInvocation, CommandModule } from './command.js';
import { reportCommand } from './commands/report.js';
import { runCommand } from './commands/run.js';
import { summaryCommand } from './commands/summary.js';
import { validateCommand } from './commands/validate.js';
import { workerCommand } from './commands/worker.js';
import { statusCommand } from './commands/status.js';
import { retryFailedCommand } from './commands/retry-failed.js';
import { serveCommand } from './commands/serve.js';
import { sqlCommand } from './commands/sql.js';
import { DEFAULT_LOG_LEVEL, LOG_LEVELS } from './options.js';
import { redactSecrets } from './secrets.js';
import { VERSION } from './version.js';

export { VERSION };

/** Every subcommand, in help order. */
export const COMMANDS: readonly CommandModule[] = [
  runCommand,
  validateCommand,
  summaryCommand,
  sqlCommand,
  reportCommand,
  serveCommand,
  workerCommand,
  statusCommand,
  retryFailedCommand,
];

export class CommandLineError extends PatternsweepError {
  override readonly name = 'CommandLineError';
  readonly exitCode: number;
  /** `code` is commander's, e.g. `commander.unknownOption`, `commander.invalidArgument`. */
  constructor(message: string, code: string, exitCode: number, options?: { cause?: unknown }) {
    super(code, message, { ...options, userFacing: true });
    this.exitCode = exitCode;
  }
}

function invocationOf(command: Command): CommandInvocation {
  return {
    command: command.name(),
    args: command.args.map(String),
    options: { ...command.optsWithGlobals() },
  };
}

/**
 * Builds the program. By default a subcommand's action runs it (and sets
 * process.exitCode); `onInvoke` replaces that, e.g. to capture the parse.
 */
export function buildProgram(onInvoke?: (invocation: CommandInvocation) => Promise<void> | void): Command {
  const program = new Command('patternsweep')
    .description('Parameter sweeps of RL pattern-selection training dynamics (Chen, Li, Zou, arXiv 2506.04695)')
    .version(VERSION)
    .addOption(
      // Through .env, commander checks the variable against the choices too: a bad value is a usage error.
      new Option('--log-level <level>', 'machine log level (JSON lines on stderr)')
        .choices(LOG_LEVELS)
        .env('PATTERNSWEEP_LOG_LEVEL')
        .default(DEFAULT_LOG_LEVEL),
    )
    // A usage error quotes the bad value: mask secrets (a --nats URL with a password) first.
    .configureOutput({ outputError: (text, write) => write(redactSecrets(text)) })
    .showHelpAfterError('(run with --help for usage)')
    .enablePositionalOptions(false);
  for (const module of COMMANDS) {
    module.define(program).action(async (...params: unknown[]) => {
      const command = params[params.length - 1] as Command;
      const invocation = invocationOf(command);
      if (onInvoke !== undefined) {
        await onInvoke(invocation);
        return;
      }
      process.exitCode = await module.execute(invocation);
    });
  }
  return program;
}

/**
 * Parses and validates `argv` (the user's arguments, without `node` and the
 * script) WITHOUT running anything. Throws CommandLineError with commander's
 * message (e.g. `error: unknown option '--thread'`) on a bad command line.
 */
export function parseCommandLine(argv: string[]): CommandInvocation {
  let captured: CommandInvocation | undefined;
  const program = buildProgram((invocation) => {
    captured = invocation;
  });
  let errorText = '';
  const quiet = (cmd: Command): void => {
    cmd.exitOverride().configureOutput({
      writeErr: (s) => {
        errorText += s;
      },
      writeOut: () => {},
    });
    for (const sub of cmd.commands) quiet(sub);
  };
  quiet(program);
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError && error.code === 'commander.help') {
      // No subcommand given: commander would print the help; say what is missing instead.
      captured = undefined;
    } else if (error instanceof CommanderError) {
      const message = (error.message || errorText).trim();
      throw new CommandLineError(redactSecrets(message), error.code, error.exitCode, { cause: error });
    } else {
      throw error;
    }
  }
  if (captured === undefined) {
    throw new CommandLineError(
      `error: missing command; expected one of ${program.commands.map((c) => c.name()).join(', ')}`,
      'patternsweep.missingCommand',
      2,
    );
  }
  return captured;
}
