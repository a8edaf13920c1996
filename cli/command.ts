/**
 * The shape of one `patternsweep` subcommand. Each lives in cli/commands/ and
 * is listed once in cli/program.ts. `define` only declares arguments and
 * options (with their validation); `execute` does the work. Keeping them apart
 * lets `parseCommandLine` check a command line without running anything.
 */
import type { Command } from 'commander';

export interface CommandInvocation {
  /** Subcommand name, e.g. `run`. */
  readonly command: string;
  /** Positional operands, e.g. the spec path. */
  readonly args: string[];
  /** Parsed and validated options, global ones (like `logLevel`) included. */
  readonly options: Record<string, unknown>;
}

/** Process exit codes used by every command. */
export const EXIT = Object.freeze({
  ok: 0,
  error: 1,
  usage: 2,
  /** The sweep finished but some shards failed. */
  shardsFailed: 3,
  /** Interrupted by SIGINT (128 + 2) / SIGTERM (128 + 15): resume by rerunning. */
  interrupted: 130,
  terminated: 143,
});

export interface CommandModule {
  readonly name: string;
  /** Adds the subcommand to `program` and returns it (arguments, options, description). */
  define(program: Command): Command;
  /** Runs it; resolves to the process exit code. */
  execute(invocation: CommandInvocation): Promise<number>;
}
