/**
 * Tables in text: CSV, TSV, `;`-separated exports, Markdown tables and psql/mysql output, also
 * when quoted with `> `. A cell's column header is its field name, so a value under "DOB" or
 * "provider_npi" has its context however many rows below the header it sits (classification.md
 * rule 6), while the same digits in another column do not.
 */
import type { ScanContext } from './types';

export interface Cell {
  start: number;
  end: number;
}

/** Delimiters in order of preference when a line holds several kinds. */
const DELIMITERS = ['\t', '|', ';', ','];
/** A column name: a few words of letters, digits and `_ . # / ( ) ' -`, spaces only between words. */
const NAME = `"?[\\p{L}_](?:[\\p{L}\\p{N}_.#/()'-]|[ ](?=[\\p{L}\\p{N}_.#/()'-])){0,39}"?`;
/**
 * A header line, tried at a line's start: names between delimiters, maybe quoted with `> ` and
 * framed by `|`. Padding is spaces only and names end on a name character, so each character
 * has one reading and a failed try costs at most the line's length.
 */
const HEADER_LINE = new RegExp(`[ ]{0,16}(?:>[ ]?){0,3}(?:[|+][ ]{0,16})?${NAME}(?:[ ]{0,16}[\\t|;,][ ]{0,16}${NAME}){1,64}(?:[ ]{0,16}\\|)?[ ]{0,16}\\r?(?=\\n|$)`, 'uy');
const MAX_NAME_WORDS = 5;
/** Rule lines between header and rows: `|---|:--|`, `----+-----`, `+----+----+`. */
const RULE_LINE = /^[\s|:+=-]*$/;
/** Email and Markdown quoting before each line of a pasted table. */
const QUOTE_PREFIX = /^(?:[ \t]{0,3}>[ \t]?)+/;
/** Longest line and most rows read per table: beyond them a text is not a table someone pasted. */
const MAX_LINE = 4096;
const MAX_ROWS = 10000;
/** A header is a line of short names, a value's cell a short run between delimiters. */
const MAX_HEADER = 1024;
const MAX_CELL = 64;

interface Line {
  /** Offset of the line's content after any quote prefix, and its end (before the newline). */
  start: number;
  end: number;
  /** Start of the next line, -1 for the last. */
  next: number;
}

function lineAt(text: string, from: number): Line {
  const nl = text.indexOf('\n', from);
  const end = nl < 0 ? text.length : nl;
  const c = text.charCodeAt(from);
  const prefix = c === 32 || c === 9 || c === 62 ? QUOTE_PREFIX.exec(text.slice(from, Math.min(end, from + 16))) : null;
  return { start: from + (prefix ? prefix[0].length : 0), end: end > from && text[end - 1] === '\r' ? end - 1 : end, next: nl < 0 ? -1 : nl + 1 };
}

/** Cells of `text[start, end)` split at `delimiter` outside double quotes, as raw ranges. */
function split(text: string, start: number, end: number, delimiter: string): Cell[] {
  const cells: Cell[] = [];
  let from = start;
  let quoted = false;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) {
      cells.push({ start: from, end: i });
      from = i + 1;
    }
  }
  cells.push({ start: from, end });
  return cells;
}

/** The cell without surrounding spaces and quotes. */
function trim(text: string, cell: Cell): Cell {
  let { start, end } = cell;
  while (start < end && /[\s"]/.test(text[start] as string)) start++;
  while (end > start && /[\s"]/.test(text[end - 1] as string)) end--;
  return { start, end };
}

function delimiterOf(text: string, line: Line): string | undefined {
  const content = text.slice(line.start, line.end);
  return DELIMITERS.find((d) => content.includes(d));
}

/** Per scanned string: whether it has lines at all, which line starts hold a header, the header above each row. */
interface Memo {
  ctx: ScanContext | undefined;
  multiline: boolean;
  headerLines: Map<number, boolean>;
  headerOf: Map<number, number>;
  /** By the cue ends asked about (the same array: a detector asking twice for one cue's cells). */
  cellsByEnds: Map<readonly number[], Cell[]>;
}
/**
 * The memo of the string being scanned: strings are scanned one at a time, each by one
 * synchronous detector run (as the shared n-gram buffer assumes), so one memo is kept and reset
 * when another string's context comes in.
 */
const memo: Memo = { ctx: undefined, multiline: false, headerLines: new Map(), headerOf: new Map(), cellsByEnds: new Map() };

function memoOf(ctx: ScanContext): Memo {
  if (memo.ctx !== ctx) {
    memo.ctx = ctx;
    memo.multiline = ctx.text.includes('\n');
    if (memo.headerLines.size > 0) memo.headerLines.clear();
    if (memo.headerOf.size > 0) memo.headerOf.clear();
    if (memo.cellsByEnds.size > 0) memo.cellsByEnds.clear();
  }
  return memo;
}

/** Is the line starting at `lineStart` a header: a few short names between delimiters? */
function isHeaderLine(ctx: ScanContext, lineStart: number): boolean {
  const { headerLines } = memoOf(ctx);
  let holds = headerLines.get(lineStart);
  if (holds === undefined) {
    HEADER_LINE.lastIndex = lineStart;
    const m = HEADER_LINE.exec(ctx.text);
    holds = m !== null && m[0].split(/[\t|;,]/).every((name) => name.trim().split(/[\s_]+/).length <= MAX_NAME_WORDS);
    headerLines.set(lineStart, holds);
  }
  return holds;
}

/** The rows' cells in column `column` of the table whose header is `header`; returns where the table ends. */
function columnCells(text: string, header: Line, delimiter: string, width: number, column: number, out: Cell[]): number {
  let end = header.end;
  for (let at = header.next, rows = 0; at >= 0 && rows < MAX_ROWS; rows++) {
    const line = lineAt(text, at);
    if (line.end - line.start > MAX_LINE || line.start === line.end) break;
    at = line.next;
    if (RULE_LINE.test(text.slice(line.start, line.end))) continue;
    const cells = split(text, line.start, line.end, delimiter);
    if (cells.length !== width) break;
    const cell = trim(text, cells[column] as Cell);
    if (cell.end > cell.start) out.push(cell);
    end = line.end;
  }
  return end;
}

/**
 * Does `index` sit in a table's header line? A cue there names a column: the values on the lines
 * below it belong to that column, not to whatever follows the cue in the text.
 */
export function inHeaderLine(ctx: ScanContext, index: number): boolean {
  const { text } = ctx;
  if (!memoOf(ctx).multiline) return false;
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const header = lineAt(text, lineStart);
  return header.next >= 0 && header.end - header.start <= MAX_HEADER && isHeaderLine(ctx, lineStart) && delimiterOf(text, header) !== undefined;
}

/**
 * Cells (trimmed, unquoted) in the table columns whose header holds a cue, in text order.
 * `cueEnds`: where the caller found the cue's matches to end (a match ending at `p` lies in the
 * header cell holding `p - 1`).
 */
export function cellsUnder(ctx: ScanContext, cueEnds: readonly number[]): Cell[] {
  const { text } = ctx;
  const memo = memoOf(ctx);
  // A table has a header line and a row below it.
  if (!memo.multiline) return [];
  const known = memo.cellsByEnds.get(cueEnds);
  if (known) return known;
  const out: Cell[] = [];
  // Tables are read in text order; a cue inside a table already read is one of its rows.
  let readTo = -1;
  for (const p of cueEnds) {
    const at = p - 1;
    if (at < 0 || at < readTo) continue;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const header = lineAt(text, lineStart);
    readTo = header.end;
    if (header.next < 0 || header.end - header.start > MAX_HEADER || !isHeaderLine(ctx, lineStart)) continue;
    const delimiter = delimiterOf(text, header);
    if (delimiter === undefined) continue;
    const cells = split(text, header.start, header.end, delimiter);
    const column = cells.findIndex((c) => c.start <= at && at < c.end);
    if (column < 0) continue;
    readTo = columnCells(text, header, delimiter, cells.length, column, out);
  }
  memo.cellsByEnds.set(cueEnds, out);
  return out;
}

/**
 * The header line above the row starting at `lineStart`, or -1: the rows between them split into
 * as many cells as the header (rule lines aside). Each line's answer is kept, so a table's rows
 * find their header in one walk.
 */
function headerAbove(ctx: ScanContext, lineStart: number, delimiter: string, width: number): number {
  const { text } = ctx;
  const { headerOf } = memoOf(ctx);
  const walked: number[] = [];
  let found = -1;
  for (let row = lineStart, steps = 0; row > 0 && steps < MAX_ROWS; steps++) {
    const known = headerOf.get(row);
    if (known !== undefined) {
      found = known;
      break;
    }
    walked.push(row);
    const above = text.lastIndexOf('\n', row - 2) + 1;
    const line = lineAt(text, above);
    if (line.end - line.start > MAX_LINE || line.start === line.end) break;
    if (RULE_LINE.test(text.slice(line.start, line.end))) {
      row = above;
      continue;
    }
    if (split(text, line.start, line.end, delimiter).length !== width) break;
    if (isHeaderLine(ctx, above)) {
      found = above;
      break;
    }
    row = above;
  }
  for (const row of walked) headerOf.set(row, found);
  return found;
}

const isCellEdge = (c: string | undefined): boolean => c === undefined || c === '\n' || DELIMITERS.includes(c);

/**
 * Is the value at `index` in a short cell, between delimiters or line ends? A cheap look before
 * its row is split: a value in prose has words around it.
 */
function inShortCell(text: string, index: number): boolean {
  let s = index;
  while (s > 0 && index - s < MAX_CELL && !isCellEdge(text[s - 1])) s--;
  let e = index;
  while (e < text.length && e - index < MAX_CELL && !isCellEdge(text[e])) e++;
  return isCellEdge(text[s - 1]) && isCellEdge(text[e]);
}

/** Does `index` sit in a table cell whose column header matches `cue` (not global: it is only tested)? */
export function inColumnUnder(ctx: ScanContext, index: number, cue: RegExp): boolean {
  const { text } = ctx;
  if (!memoOf(ctx).multiline || !inShortCell(text, index)) return false;
  const lineStart = text.lastIndexOf('\n', index) + 1;
  if (lineStart === 0) return false;
  const row = lineAt(text, lineStart);
  if (row.end - row.start > MAX_LINE) return false;
  const delimiter = delimiterOf(text, row);
  if (delimiter === undefined) return false;
  const cells = split(text, row.start, row.end, delimiter);
  const column = cells.findIndex((c) => c.start <= index && index < c.end);
  const headerStart = column < 0 ? -1 : headerAbove(ctx, lineStart, delimiter, cells.length);
  if (headerStart < 0) return false;
  const header = lineAt(text, headerStart);
  const name = trim(text, split(text, header.start, header.end, delimiter)[column] as Cell);
  return cue.test(ctx.lower.slice(name.start, name.end));
}
