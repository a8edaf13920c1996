export { buildProgram, COMMANDS, CommandLineError, parseCommandLine, VERSION } from './program.js';
export { EXIT } from './command.js';
export type { CommandInvocation, CommandModule } from './command.js';
export { addNatsOptions } from './nats-options.js';
export type { NatsCliOptions } from './nats-options.js';
