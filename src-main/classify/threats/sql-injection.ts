import { hasAnyChar, matchAll, matchAllNearAnchors, mentionsAny } from '../context';
import { wordList, type WordList } from '../grams';
import type { Detector, ScanContext, Span } from '../types';
import { isMention } from './mention';

/** A whole SQL statement (a SQL tool's argument), where stacked statements and OR are normal. */
const SQL_STATEMENT = /^\s*(?:select|insert|update|delete|with|begin|create|alter|drop|merge|explain|set|declare|call|exec)\b/;

/** Break-outs that inject into a data parameter. Each starts at the break-out character. */
const BREAK_OUT_OR = `['"]\\)?\\s{0,3}(?:(?:or|and)\\s{1,3}|\\|\\|\\s{0,3})\\(?\\s{0,3}`;
/**
 * `' OR '1'='1`, `') OR ('a'='a`, `'||'1'='1`, `' OR 2=2`: a break-out, then a comparison whose two
 * sides are the same literal, so it always holds. Nobody writes one in a real query, so it is
 * injection even inside a whole statement (a value spliced into a SQL tool's query).
 */
const TAUTOLOGY = new RegExp(
  `${BREAK_OUT_OR}(?:'([^'\\n]{0,12})'\\s{0,3}=\\s{0,3}'\\1(?!\\w)|"([^"\\n]{0,12})"\\s{0,3}=\\s{0,3}"\\2(?!\\w)|(\\d{1,6})\\s{0,3}=\\s{0,3}\\3\\b|(true|not\\s{1,3}false)\\b)`,
  'g',
);
/** TAUTOLOGY's group of `' OR true`, `' OR NOT false`: a boolean literal, injection only in a data parameter. */
const BOOLEAN_LITERAL_GROUP = 4;
/**
 * `' AND (SELECT …)`, `' OR sleep(5)`: a break-out followed by a subquery or an inference function;
 * `' AND 1=CONVERT(int,(SELECT @@version))`: a conversion that fails and shows the data in the error.
 */
const BOOLEAN_PROBE =
  /['"]\)?\s{1,3}(?:and|or)\s{1,3}(?:\(\s{0,3}select\b|exists\s{0,3}\(|not\s{1,3}exists\b|(?:select|sleep|pg_sleep|benchmark|extractvalue|updatexml|ascii|substring|substr|length|if)\s{0,3}\(|\d{1,6}\s{0,3}=\s{0,3}(?:convert|cast)\s{0,3}\()/g;
/**
 * `1 OR 2=2` after a number. The digit before the match is checked by a look-behind placed after
 * the first whitespace (same matches as a leading `(?<=\d)`): a leading look-behind would be tried
 * at every position, this runs only at whitespace.
 */
const NUMERIC_TAUTOLOGY = /\s(?<=\d\s)\s{0,2}or\s{1,3}(\d{1,6})\s{0,3}=\s{0,3}\1\b/g;
const UNION = /(?:['")]|(?<![\w.])-?\d{1,10}|\bnull)\s{0,3}union(?:\s{1,3}all)?\s{1,3}select\b/g;
/** A second statement after `;`: by its shape (DROP TABLE, DELETE FROM, TRUNCATE t; …), not any word. */
const STACKED =
  /(?:['")\w])\s{0,3};\s{0,3}(?:(?:drop\s{1,3}(?:table|database|schema|view|index|user)|delete\s{1,3}from|insert\s{1,3}into|update\s{1,3}\w{1,64}\s{1,3}set|select\s[^;\n]{0,80}\bfrom|exec(?:ute)?\s{1,3}\w{1,64}|shutdown|waitfor\s{1,3}delay|declare\s{1,3}@|alter\s{1,3}(?:table|user)|create\s{1,3}(?:table|user))\b|truncate\s{1,3}(?:table\s{1,3})?[\w.]{1,64}\s{0,3}(?:;|--|$))/g;
/**
 * `admin'--`: a quote closed early, the rest commented out (`#` only as a trailing MySQL comment:
 * code uses it after strings). The word character before the quote is checked by a look-behind
 * after the quote, so the pattern is only tried at quotes. `--` straight before a letter is a
 * command-line option (`curl -H 'a: b' --data …`), not a comment. The comment opens on the quote's
 * own line: a quoted value ending one line and a `---` rule opening the next are not a break-out.
 */
const COMMENT_BREAK = /['"](?<=\w['"])[ \t]{0,3}(?:--(?![a-z])|\/\*|#[ \t]{0,3}(?:\n|$))/g;
const TIME_BASED = /(?:['")]|\d)\s{0,3}(?:and|or|;|\|\|)\s{0,3}\(?\s{0,3}(?:sleep|pg_sleep|benchmark)\s{0,3}\(|;\s{0,3}waitfor\s{1,3}delay\s{1,3}'/g;

/**
 * Each pattern with the literals it cannot match without; `inStatement`: still injection inside a
 * full SQL statement; `near`: every match holds `anchor` within `lead` characters of its start, so
 * the pattern is only tried just before each anchor (STACKED: the `;`; UNION: at most a quote, a
 * ten-digit number or `null` and three spaces before `union`). `chars`: characters of which the
 * pattern needs one (a quote to break out of), checked by fast single-character search.
 */
const PATTERNS: { re: RegExp; gate: WordList; chars?: string; inStatement: boolean; near?: { anchor: string; lead: number } }[] = [
  { re: TAUTOLOGY, gate: wordList([' or', ' and', '||', "'or", '"or', "'and", '"and', ')or', ')and']), chars: `'"`, inStatement: true },
  { re: BOOLEAN_PROBE, gate: wordList([' and', ' or']), chars: `'"`, inStatement: false },
  { re: NUMERIC_TAUTOLOGY, gate: wordList([' or ']), chars: '=', inStatement: false },
  { re: UNION, gate: wordList(['union']), inStatement: true, near: { anchor: 'union', lead: 14 } },
  { re: STACKED, gate: wordList([';']), inStatement: false, near: { anchor: ';', lead: 4 } },
  { re: COMMENT_BREAK, gate: wordList(['--', '/*', '#']), chars: `'"`, inStatement: false },
  { re: TIME_BASED, gate: wordList(['sleep', 'benchmark', 'waitfor']), chars: '(;', inStatement: true },
];
const STICKY = new Map(PATTERNS.filter((p) => p.near).map(({ re }) => [re, new RegExp(re.source, 'y')]));

/** The injected fragment runs to the end of the parameter: line end, next query parameter, or HTTP version. */
function fragmentEnd(ctx: ScanContext, from: number): number {
  const rest = ctx.text.slice(from, from + 600);
  const stop = rest.search(/\n|&(?=\w+=)| HTTP\/\d/);
  return from + (stop < 0 ? rest.length : stop);
}

/** An odd number of single quotes: a string in the statement is left open. */
function quoteLeftOpen(lower: string): boolean {
  let quotes = 0;
  for (let i = lower.indexOf("'"); i >= 0; i = lower.indexOf("'", i + 1)) quotes++;
  return quotes % 2 === 1;
}

export const detectSqlInjection: Detector = (ctx) => {
  const { lower } = ctx;
  const statement = SQL_STATEMENT.test(lower);
  // Quotes are counted once per string, and only for a UNION inside a statement.
  let openQuote: boolean | undefined;
  const out: Span[] = [];
  for (const { re, gate, chars, inStatement, near } of PATTERNS) {
    if ((statement && !inStatement) || !mentionsAny(ctx, gate) || (chars !== undefined && !hasAnyChar(lower, chars))) continue;
    const sticky = STICKY.get(re);
    for (const m of near && sticky ? matchAllNearAnchors(lower, sticky, near.anchor, near.lead) : matchAll(lower, re)) {
      // Numeric tautologies start at OR; a statement stacked after a bare word starts at the `;`.
      const offset = re === NUMERIC_TAUTOLOGY ? m[0].search(/\S/) : re === STACKED && /\w/.test(m[0][0] ?? '') ? m[0].indexOf(';') : 0;
      const start = m.index + offset;
      if (statement && re === TAUTOLOGY && m[BOOLEAN_LITERAL_GROUP] !== undefined) continue;
      // Inside a full SQL statement, a UNION is injected only after a closing quote, into a
      // statement someone broke: a comment swallows the rest or a quote is left open. With
      // balanced quotes and no comment it is a query as written.
      if (statement && re === UNION) {
        if (!/^['"]/.test(m[0])) continue;
        if (!/--|#|\/\*/.test(lower.slice(m.index, m.index + 600)) && !(openQuote ??= quoteLeftOpen(lower))) continue;
      }
      if (isMention(ctx, start, start + m[0].length)) continue;
      out.push({ type: 'SQL_INJECTION', start, end: fragmentEnd(ctx, m.index + m[0].length), confidence: 0.85 });
    }
  }
  return out;
};
