#!/usr/bin/env node
/** The `patternsweep` executable (package.json `bin`). */
import { CommanderError, type Command } from 'commander';
import { EXIT } from './command.js';
import { buildProgram } from './program.js';

/** Bad command lines exit 2 (commander's default is 1, which we keep for failures). */
function usageErrorsExit2(command: Command): void {
  command.exitOverride((error: CommanderError) => {
    // `--help` and `--version` exit as commander says (0); no command at all
    // (`commander.help`: the help is printed instead) is a bad command line.
    const helpOrVersion = ['commander.helpDisplayed', 'commander.version'].includes(error.code);
    process.exit(helpOrVersion ? error.exitCode : EXIT.usage);
  });
  for (const sub of command.commands) usageErrorsExit2(sub);
}

const program = buildProgram();
usageErrorsExit2(program);
await program.parseAsync(process.argv);
