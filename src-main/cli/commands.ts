import { agentCommands } from '../agents/cli';
import { auditCommands } from '../audit/cli';
import { benchCommands } from '../bench/cli';
import { classifyCommands } from '../classify/cli';
import { policyCommands } from '../policy/cli';
import type { Command } from './command';
import { serveCommand } from './serve';

/** Every CLI command, in the order `portcullis --help` lists them. */
export const commands: readonly Command[] = [serveCommand, ...agentCommands, ...policyCommands, ...auditCommands, ...classifyCommands, ...benchCommands];
