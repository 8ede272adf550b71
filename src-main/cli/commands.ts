import { agentCommands } from '../agents/cli';
import type { Command } from './command';
import { serveCommand } from './serve';

/** Every CLI command, in the order `portcullis --help` lists them. */
export const commands: readonly Command[] = [serveCommand, ...agentCommands];
