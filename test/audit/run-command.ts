/**
 * Runs one audit command in its own process, parsing argv the way the CLI front end does
 * (node:util parseArgs, strict): `run-command.ts verify --data DIR`.
 */
import { parseArgs } from 'node:util';
import { auditCommands } from '../../src-main/audit/cli';

const [name, ...argv] = process.argv.slice(2);
const command = auditCommands.find((c) => c.name === name);
if (!command) throw new Error(`no audit command ${name ?? ''}`);
const { values, positionals } = parseArgs({ args: argv, options: command.options, allowPositionals: command.allowPositionals ?? false, strict: true });
process.exitCode = await command.run(
  { values, positionals },
  { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
);
