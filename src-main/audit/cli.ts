import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { z } from 'zod';
import { UsageError, type CliIo, type Command, type ParsedArgs } from '../cli/command';
import { dataDirFrom, engineHelp, engineOptions, withEngine } from '../cli/engine-access';
import { DataDirInUseError } from '../engine/data-dir';
import { databaseFile } from '../store/database';
import { buildExport } from './export';
import { NotAnExportError, serializeExport } from './export-format';
import type { ExportFormat } from './export-format';
import { emptyWalAfterErasure, erasePayload, erasureReasonProblem, PayloadErasureError } from './payload-erasure';
import { exitCode, formatReport } from './report';
import { verifyDataDir } from './verify-store';
import { verifyExportText } from './verify-export';
import type { VerifyReport } from './verify-chain';

class BadInput extends Error {}

function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new BadInput(`--${name} needs a value`);
  return value;
}

function requiredOption(args: ParsedArgs, name: string): string {
  const value = stringOption(args, name);
  if (value === undefined) throw new BadInput(`--${name} is required`);
  return value;
}

function seqOption(args: ParsedArgs, name: string): number | undefined {
  const value = stringOption(args, name);
  if (value === undefined) return undefined;
  if (!/^(0|[1-9][0-9]{0,15})$/.test(value)) throw new BadInput(`--${name} must be a seq number, got "${value}"`);
  return Number(value);
}

function dataDirOption(args: ParsedArgs): string {
  const dir = requiredOption(args, 'data');
  if (!existsSync(databaseFile(dir))) throw new BadInput(`no audit database in ${dir} (expected ${databaseFile(dir)})`);
  return dir;
}

/** Bad input is one line on stderr and exit 2; a refused schema or I/O failure exit 1. */
async function guarded(io: CliIo, body: () => number): Promise<number> {
  try {
    return body();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`portcullis: ${message.split('\n')[0]}`);
    return error instanceof BadInput || error instanceof NotAnExportError ? 2 : 1;
  }
}

function print(io: CliIo, report: VerifyReport): number {
  for (const line of formatReport(report)) io.stdout(line);
  return exitCode(report);
}

const verifyCommand: Command = {
  name: 'verify',
  summary: 'verify the audit chain, its checkpoints and content in a data directory',
  usage: [
    'portcullis verify --data DIR [--key NAME+KEYID] [--checkpoints DIR]',
    '',
    'Recomputes every entry hash and link, the Merkle roots signed in checkpoints (in the',
    'chain and copied outside it), and the content digests. Prints',
    '  ok: N entries, last checkpoint at seq S (key K)            exit 0',
    '  damage: KIND at seq S | in seq A..B: DETAIL                exit 1',
    '--key pins the expected instance key; --checkpoints is where the outside copies are',
    '(default DIR). Read-only: safe while Portcullis runs.',
  ].join('\n'),
  options: {
    data: { type: 'string' },
    key: { type: 'string' },
    checkpoints: { type: 'string' },
  },
  run: (args, io) =>
    guarded(io, () =>
      print(
        io,
        verifyDataDir({
          dataDir: dataDirOption(args),
          pinnedKey: stringOption(args, 'key'),
          checkpointDir: stringOption(args, 'checkpoints'),
        }),
      ),
    ),
};

const verifyExportCommand: Command = {
  name: 'verify-export',
  summary: 'verify an audit export (JSON or CSV) offline',
  usage: [
    'portcullis verify-export FILE [--key NAME+KEYID]',
    '',
    'Needs nothing but the file: entries, public key, checkpoints and origin travel in it.',
    'Output and exit codes as for `portcullis verify`.',
  ].join('\n'),
  options: { key: { type: 'string' } },
  allowPositionals: true,
  run: (args, io) =>
    guarded(io, () => {
      if (args.positionals.length !== 1) throw new BadInput('verify-export takes exactly one FILE');
      const file = args.positionals[0] as string;
      if (!existsSync(file)) throw new BadInput(`no such file: ${file}`);
      return print(io, verifyExportText(readFileSync(file, 'utf8'), stringOption(args, 'key')));
    }),
};

const exportCommand: Command = {
  name: 'export',
  summary: 'export a range of the audit log as JSON or CSV for offline verification',
  usage: [
    'portcullis export --data DIR --format json|csv [--from S] [--to S] [-o FILE]',
    '',
    'Writes entries, the public key, the checkpoints and the origin: everything',
    '`portcullis verify-export FILE` needs. Content (payloads) is not exported.',
  ].join('\n'),
  options: {
    data: { type: 'string' },
    format: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    output: { type: 'string', short: 'o' },
  },
  run: (args, io) =>
    guarded(io, () => {
      const format = requiredOption(args, 'format');
      if (format !== 'json' && format !== 'csv') throw new BadInput(`--format must be json or csv, got "${format}"`);
      const dataDir = dataDirOption(args);
      const from = seqOption(args, 'from');
      const to = seqOption(args, 'to');
      if (from !== undefined && to !== undefined && from > to) throw new BadInput('--from is after --to');
      const text = serializeExport(buildExport(dataDir, { from, to }), format as ExportFormat);
      const output = stringOption(args, 'output');
      if (output) writeFileSync(output, text);
      else io.stdout(text.endsWith('\n') ? text.slice(0, -1) : text);
      return 0;
    }),
};

/** Who erased, as the agent commands record it: the OS user running the CLI. */
function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

const isUuid = (value: string) => z.uuid().safeParse(value).success;

const eraseCommand: Command = {
  name: 'erase',
  summary: "erase a decision's payload from the audit log (GDPR Art. 17)",
  usage: `Usage: portcullis erase --data DIR --decision ID --reason TEXT [--key-file FILE]

Erases the payload a decision stored in the audit log's content table: the content is deleted
(its freed pages zeroed, the WAL emptied) and an \`erasure\` entry records its digest and the
reason, with you (cli:USER) as actor. The decision record and the chain stay and still verify;
\`portcullis verify\` reports the content as erased. Prints the erasure entry's seq alone on
stdout (SEQ=$(portcullis erase …) works), what was done on stderr.

A payload is stored once per content: another decision with a byte-identical payload loses it
too. A pending review may be erased; it stays pending and its approver sees the payload erased.
While a service or the desktop app runs on DIR it holds the directory: erase through it, in the
console (the decision's "Erase payload (GDPR Art. 17)" control) or with the operator API method
erasePayload.

Exit codes: 0 erased; 1 no such decision, no payload, already erased, or DIR in use; 2 usage.

Options:
  --decision ID    the decision's id (decision_id, a UUID)
  --reason TEXT    why (1 to 500 characters), recorded in the audit log
${engineHelp}`,
  options: { decision: { type: 'string' }, reason: { type: 'string' }, ...engineOptions },
  run: async ({ values }, io) => {
    const decisionId = values.decision;
    if (typeof decisionId !== 'string' || decisionId === '') throw new UsageError('--decision is required');
    if (!isUuid(decisionId)) throw new UsageError(`--decision must be a decision id (a UUID), got "${decisionId.slice(0, 64)}"`);
    const reason = values.reason;
    if (typeof reason !== 'string') throw new UsageError('--reason is required: it is recorded in the audit log');
    const problem = erasureReasonProblem(reason);
    if (problem) throw new UsageError(`--reason: ${problem}`);
    // Never create a data directory (and a new chain) just to find nothing in it.
    const dataDir = dataDirFrom(values);
    if (!existsSync(databaseFile(dataDir))) throw new UsageError(`no Portcullis data in ${dataDir} (expected ${databaseFile(dataDir)})`);
    try {
      return await withEngine(values, async (engine) => {
        const erased = erasePayload(engine, decisionId, reason, cliActor());
        const walEmptied = await emptyWalAfterErasure(engine.store);
        io.stdout(String(erased.seq));
        io.stderr(
          `payload of decision ${decisionId} erased: erasure entry at seq ${erased.seq} (content ${erased.digest}); ` +
            'the decision record stays, verification reports the content as erased' +
            (walEmptied ? '' : `; the WAL could not be emptied, so ${databaseFile(dataDir)}-wal may hold old page images until overwritten`),
        );
        return 0;
      });
    } catch (error) {
      if (error instanceof DataDirInUseError) {
        io.stderr(
          `portcullis: data directory ${error.dir} is in use by a running Portcullis process (pid ${error.pid}): ` +
            'erase through it instead, in the console (the decision\'s "Erase payload (GDPR Art. 17)" control) ' +
            'or with the operator API (POST /operator/rpc/erasePayload)',
        );
        return 1;
      }
      if (error instanceof PayloadErasureError) {
        io.stderr(`portcullis: ${error.message}`);
        return 1;
      }
      throw error;
    }
  },
};

export const auditCommands: Command[] = [verifyCommand, verifyExportCommand, exportCommand, eraseCommand];
