import canonicalize from 'canonicalize';
import { z } from 'zod';

/**
 * An export is self-contained evidence: every field is either covered by a hash or a
 * signature, or cross-checked against one, and the file must be the canonical serialisation
 * of its content, so no edit, not even of whitespace or escaping, goes unnoticed.
 */
export const EXPORT_FORMAT = 'portcullis-audit-export/v1';

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

const keyRecordSchema = z.strictObject({ name: z.string(), id: hex(4), public_key: z.string() });

const entrySchema = z.strictObject({
  seq: z.number().int().nonnegative(),
  ts: z.number().int(),
  kind: z.string(),
  origin: z.string(),
  body: z.record(z.string(), z.unknown()),
  prev_hash: hex(32),
  hash: hex(32),
  sig: hex(64).nullable(),
});

const headerShape = {
  format: z.literal(EXPORT_FORMAT),
  origin: z.string(),
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  /** Key and entry-signature mode in force at `from`, and the compact range of [0, from). */
  key: keyRecordSchema,
  sign_entries: z.boolean(),
  frontier: z.array(z.string()),
  /** Checkpoint notes kept outside the database with from <= size <= to. */
  checkpoints: z.array(z.string()),
};

const headerSchema = z.strictObject(headerShape);
const exportSchema = z.strictObject({ ...headerShape, entries: z.array(entrySchema).min(1) });

export type ExportEntry = z.infer<typeof entrySchema>;
export type AuditExport = z.infer<typeof exportSchema>;
export type ExportFormat = 'json' | 'csv';

/** Raised for an export that was edited or damaged: verification reports it as damage. */
export class ExportAlteredError extends Error {}
/** Raised for input that is not an export at all: a usage error. */
export class NotAnExportError extends Error {}

export function serializeExport(data: AuditExport, format: ExportFormat): string {
  return format === 'json' ? `${canonicalize(data) as string}\n` : toCsv(data);
}

export function parseExport(text: string): AuditExport {
  if (text.startsWith('{')) return parseJson(text);
  if (text.startsWith(CSV_HEADER)) return parseCsv(text);
  throw new NotAnExportError('not a Portcullis audit export (neither its JSON nor its CSV form)');
}

function validated(value: unknown): AuditExport {
  const result = exportSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ExportAlteredError(`export does not match ${EXPORT_FORMAT}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  return result.data;
}

function parseJson(text: string): AuditExport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ExportAlteredError(`export is not valid JSON: ${(error as Error).message}`);
  }
  const data = validated(value);
  if (serializeExport(data, 'json') !== text) throw new ExportAlteredError('export is not in its canonical form: it was edited');
  return data;
}

const CSV_COLUMNS = ['type', 'seq', 'ts', 'kind', 'origin', 'prev_hash', 'hash', 'sig', 'data'] as const;
const CSV_HEADER = `${CSV_COLUMNS.join(',')}\n`;

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** CSV is a view a spreadsheet can open; `data` holds the JCS bytes a verifier re-hashes. */
function toCsv(data: AuditExport): string {
  const { entries, ...header } = data;
  const lines = [CSV_HEADER, `export,,,,,,,,${csvField(canonicalize(header) as string)}\n`];
  for (const e of entries) {
    const fields = [
      'entry',
      String(e.seq),
      String(e.ts),
      csvField(e.kind),
      csvField(e.origin),
      e.prev_hash,
      e.hash,
      e.sig ?? '',
      csvField(canonicalize(e.body) as string),
    ];
    lines.push(`${fields.join(',')}\n`);
  }
  return lines.join('');
}

/** RFC 4180 records, LF-terminated. */
function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (quoted || field !== '' || record.length > 0) throw new ExportAlteredError('CSV export ends inside a record');
  return records;
}

function parseCsv(text: string): AuditExport {
  const [, first, ...rows] = csvRecords(text);
  if (!first || first[0] !== 'export' || first.length !== CSV_COLUMNS.length) {
    throw new ExportAlteredError('CSV export lacks its export record');
  }
  let header: unknown;
  const entries: unknown[] = [];
  try {
    header = JSON.parse(first[8] as string);
    for (const row of rows) {
      if (row.length !== CSV_COLUMNS.length || row[0] !== 'entry') throw new ExportAlteredError('malformed CSV entry record');
      const [, seq, ts, kind, origin, prevHash, hash, sig, body] = row as string[];
      entries.push({
        seq: Number(seq),
        ts: Number(ts),
        kind,
        origin,
        body: JSON.parse(body as string),
        prev_hash: prevHash,
        hash,
        sig: sig === '' ? null : sig,
      });
    }
  } catch (error) {
    if (error instanceof ExportAlteredError) throw error;
    throw new ExportAlteredError(`CSV export holds invalid JSON: ${(error as Error).message}`);
  }
  if (!headerSchema.safeParse(header).success) throw new ExportAlteredError('CSV export record is not a valid header');
  const data = validated({ ...(header as object), entries });
  if (serializeExport(data, 'csv') !== text) throw new ExportAlteredError('export is not in its canonical form: it was edited');
  return data;
}
