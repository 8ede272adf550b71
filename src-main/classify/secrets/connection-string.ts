import { isAlnum, matchAll, mentionsAny, textHas } from '../context';
import { word, wordList } from '../grams';
import { isPlaceholder } from '../placeholders';
import type { Detector, Span } from '../types';

/** Scheme characters, plus ':' for `jdbc:postgresql://`. */
const isSchemeChar = (c: number): boolean => isAlnum(c) || c === 43 || c === 46 || c === 58 || c === 45;
/** URI characters: anything but whitespace, quotes and brackets that end a URI in text. */
const isUriChar = (c: number): boolean => c > 32 && c !== 34 && c !== 39 && c !== 96 && c !== 60 && c !== 62 && c !== 92;
const QUERY_PASSWORD = /[?&;](?:password|pwd|pass)=([^&;#\s]+)/i;

/** A password that is real: not a placeholder, not the word "password". */
const realPassword = (p: string): boolean => p.length > 0 && !isPlaceholder(decodeSafe(p));

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function uriStrings(text: string): Span[] {
  const out: Span[] = [];
  for (let sep = text.indexOf('://'); sep >= 0; sep = text.indexOf('://', sep + 3)) {
    let start = sep;
    while (start > 0 && sep - start < 32 && isSchemeChar(text.charCodeAt(start - 1))) start--;
    while (start < sep && !/[A-Za-z]/.test(text[start] as string)) start++;
    if (start === sep) continue;
    let end = sep + 3;
    while (end < text.length && end - sep < 2048 && isUriChar(text.charCodeAt(end))) end++;
    while (end > sep + 3 && /[.,;:)\]}]/.test(text[end - 1] as string)) end--;
    const rest = text.slice(sep + 3, end);
    const authorityEnd = rest.search(/[/?#]/);
    const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
    const at = authority.lastIndexOf('@');
    const userinfo = at < 0 ? '' : authority.slice(0, at);
    const colon = userinfo.indexOf(':');
    const inUserinfo = colon >= 0 && realPassword(userinfo.slice(colon + 1));
    const query = QUERY_PASSWORD.exec(rest);
    const inQuery = query !== null && realPassword(query[1] ?? '');
    if (inUserinfo || inQuery) out.push({ type: 'CONNECTION_STRING', start, end, confidence: 0.95 });
    sep = end - 3;
  }
  return out;
}

const ADO_PASSWORD = /(?:^|;)\s{0,3}(?:password|pwd)\s{0,3}=\s{0,3}([^;"'\n]{1,128})/gi;
const ADO_KEYS = /(?:^|[;\s"'=])(?:server|data source|host|address|addr|database|initial catalog|user id|uid|provider|driver)\s{0,3}=/i;
const ADO_START = /(?:server|data source|host|provider|driver|address)\s{0,3}=/i;

/** ADO.NET / ODBC strings: `Server=…;Database=…;User ID=…;Password=…;`. */
function adoStrings(text: string): Span[] {
  const out: Span[] = [];
  ADO_PASSWORD.lastIndex = 0;
  for (let m = ADO_PASSWORD.exec(text); m; m = ADO_PASSWORD.exec(text)) {
    if (!realPassword((m[1] ?? '').trim())) continue;
    let segStart = m.index;
    while (segStart > 0 && m.index - segStart < 512 && !/["'\n`]/.test(text[segStart - 1] as string)) segStart--;
    let segEnd = m.index + m[0].length;
    while (segEnd < text.length && segEnd - m.index < 512 && !/["'\n`]/.test(text[segEnd] as string)) segEnd++;
    const segment = text.slice(segStart, segEnd);
    if (!ADO_KEYS.test(segment)) continue;
    const first = ADO_START.exec(segment);
    const start = segStart + (first ? first.index : 0);
    let end = segEnd;
    while (end > start && /\s/.test(text[end - 1] as string)) end--;
    out.push({ type: 'CONNECTION_STRING', start, end, confidence: 0.9 });
    ADO_PASSWORD.lastIndex = Math.max(ADO_PASSWORD.lastIndex, segEnd);
  }
  return out;
}

/** One libpq keyword/value pair (`host=db`, `password='p w'`), as psql, psycopg and libpq take them. */
const LIBPQ_PAIR =
  /(?<![\w.-])(host|hostaddr|port|dbname|user|password|passfile|sslmode|sslrootcert|sslcert|sslkey|connect_timeout|application_name|options|service|target_session_attrs)=('[^'\n]{0,128}'|[^\s'"]{1,256})/g;
/** Keys that make a run of pairs a connection string rather than a stray `password=`. */
const LIBPQ_TARGET = new Set(['host', 'hostaddr', 'dbname', 'port', 'service']);

/**
 * libpq keyword/value strings: `host=db port=5432 dbname=app user=u password=p`. Pairs separated
 * by spaces alone form one string; it counts with a real password and a server or database key.
 */
function keywordStrings(text: string): Span[] {
  const out: Span[] = [];
  let run: RegExpExecArray[] = [];
  const flush = (): void => {
    const password = run.find((m) => m[1] === 'password');
    const target = run.some((m) => LIBPQ_TARGET.has(m[1] ?? ''));
    if (password && target && realPassword((password[2] ?? '').replace(/^'|'$/g, ''))) {
      const last = run[run.length - 1] as RegExpExecArray;
      out.push({ type: 'CONNECTION_STRING', start: (run[0] as RegExpExecArray).index, end: last.index + last[0].length, confidence: 0.9 });
    }
    run = [];
  };
  for (const m of matchAll(text, LIBPQ_PAIR)) {
    const last = run[run.length - 1];
    if (last && !/^ {1,3}$/.test(text.slice(last.index + last[0].length, m.index))) flush();
    run.push(m);
  }
  flush();
  return out;
}

/**
 * Oracle's JDBC and EZConnect forms put the credentials before `@` with a slash, outside any
 * URI authority: `jdbc:oracle:thin:scott/tiger@//host:1521/svc`, `jdbc:oracle:thin:scott/tiger@host:1521:SID`,
 * and the same after the Oracle command-line tools (`sqlplus scott/tiger@//host:1521/svc`).
 */
const ORACLE =
  /\b(?:jdbc:oracle:(?:thin|oci8?):|(?<=\b(?:sqlplus|rman|expdp|impdp|sqlldr)(?:\s{1,3}-[sl])?\s{1,3}))[^\s/@:"']{1,64}\/([^\s@"']{1,128})@[^\s"'<>]{1,512}/g;

function oracleStrings(text: string): Span[] {
  const out: Span[] = [];
  for (const m of matchAll(text, ORACLE)) {
    if (!realPassword(m[1] ?? '')) continue;
    const end = m.index + m[0].replace(/[.,;:)\]}]+$/, '').length;
    out.push({ type: 'CONNECTION_STRING', start: m.index, end, confidence: 0.9 });
  }
  return out;
}

const URI_GATE = word('://');
const ORACLE_GATES = wordList(['jdbc:oracle:', 'sqlplus', 'rman', 'expdp', 'impdp', 'sqlldr']);
const ADO_GATE = wordList(['password', 'pwd']);
const LIBPQ_GATE = word('password=');

/** CONNECTION_STRING: a DSN/URI, ADO, libpq or Oracle JDBC string with an embedded real password, as one span. */
export const detectConnectionString: Detector = (ctx) => {
  const { text } = ctx;
  const out = textHas(ctx, URI_GATE) ? uriStrings(text) : [];
  if (mentionsAny(ctx, ADO_GATE)) out.push(...adoStrings(text));
  if (textHas(ctx, LIBPQ_GATE)) out.push(...keywordStrings(text));
  if (mentionsAny(ctx, ORACLE_GATES)) out.push(...oracleStrings(text));
  return out;
};
