/**
 * Street lines known by their field: the value of an address field in JSON, in JSON or YAML pasted
 * as text, or in a table's address column, which need no street suffix or postcode to be read as
 * one ("2045 Calle Ocho", "21 Rue des Martyrs").
 */
import { hasAnyChar, isAlnum, matchAll, mentionsAny, normaliseKey, wholeValue } from '../context';
import { wordList } from '../grams';
import { cellsUnder, inColumnUnder } from '../tables';
import type { ScanContext, Span } from '../types';

/**
 * Field names of a street line or whole postal address (`address`, `billing_address`, `street`,
 * `address_line1`, `Straße`, `dirección`), normalised; `ip_address`, `email_address` and
 * `address_line2` (a unit or PO box) are not.
 */
const ADDRESS_KEY =
  /^(?:(?:street|postal|mailing|billing|shipping|home|residential|business|delivery|physical|customer|recipient)?address(?:line)?1?|street(?:address|line)?1?|addrline1?|line1|strae|strasse|anschrift|adresse|direccin|direccion|endereo|endereco|indirizzo|adres|ulica|calle)$/;
/** The same as a table column's header (lowercased, as written). */
const ADDRESS_HEADER =
  /^(?:(?:street|postal|mailing|billing|shipping|home|delivery|recipient|customer)[ _-]?)?(?:address|addr|street)(?:[ _-]?(?:line)?[ _-]?1)?$|^(?:anschrift|adresse|dirección|direccion|endereço|endereco|indirizzo|adres|straße|strasse|ulica)$/;
/** The words of an address field's name, found before the whole name is read around them. */
const ADDRESS_WORD = /addr|street|anschrift|adres|direcci|endere|indirizzo|stra(?:ss|ß)e|ulica/g;
const ADDRESS_HEADER_WORDS = wordList(['addr', 'street', 'anschrift', 'adresse', 'direcci', 'endere', 'indirizzo', 'adres', 'strasse', 'straße', 'ulica']);
/**
 * A value that is a street line once its field says so: a house number (maybe after a flat) and a
 * name ("2045 Calle Ocho", "21 Rue des Martyrs", "18 rue Victor Hugo", "Flat 3, 27 Kelvin Grove,
 * Glasgow G3 7SA"), or a name and a house number ("Lindenallee 153a"). A name is capitalised or
 * opens with a street word, so "10 min walk from the station" is none.
 */
const STREET_VALUE =
  /^(?:(?:Flat|FLAT|Apt|APT|Apartment|Unit|UNIT|Suite|SUITE) [\w-]{1,6},? )?\d{1,6}[A-Za-z]?(?:[-/]\d{1,4})?,? (?:\p{Lu}|(?:rue|via|calle|avenida|av\.|bd|boulevard|chemin|allée|impasse|quai|rua|ul\.) )[^\n]{1,98}$|^(?:\p{Lu}|ul\. ?|al\. ?)[\p{L}.' -]{1,40} \d{1,5}[a-z]?(?:[-/]\d{1,4})?(?:,[^\n]{1,60})?$/u;
/** What sits in an address field without being a street line: a unit or a PO box alone. */
const NOT_STREET = /^(?:p\.? ?o\.? ?box|suite|ste|apt|apartment|unit|floor|fl|room|rm|bldg|building|postfach|apartado|caixa postal)\b(?! [\w-]{1,6},? \d)/i;

const isStreetValue = (v: string): boolean => STREET_VALUE.test(v) && !NOT_STREET.test(v);

/**
 * After an address field's name written out in text (JSON or YAML pasted as text, `key = value`
 * configs): a quoted value or one running to the line's end.
 */
const PAIR_VALUE = /["']?[ \t]{0,16}[:=][ \t]{0,3}(?:"([^"\n]{4,100})"|'([^'\n]{4,100})'|([^"'\n{}[\]]{4,100}))/y;
/** Longest field name read around an address word. */
const MAX_NAME = 32;
const isNameChar = (c: number): boolean => isAlnum(c) || c === 95 || c === 45 || c > 127;

/** The address fields written out in text, found at the words of their names: each name is read whole, then its value. */
function writtenPairs(ctx: ScanContext, words: RegExpExecArray[], out: Span[]): void {
  const { text } = ctx;
  for (const w of words) {
    let s = w.index;
    while (s > 0 && w.index - s < MAX_NAME && isNameChar(text.charCodeAt(s - 1))) s--;
    let e = w.index + w[0].length;
    while (e < text.length && e - s < MAX_NAME && isNameChar(text.charCodeAt(e))) e++;
    if (!ADDRESS_KEY.test(normaliseKey(text.slice(s, e)))) continue;
    PAIR_VALUE.lastIndex = e;
    const m = PAIR_VALUE.exec(text);
    const raw = m?.[1] ?? m?.[2] ?? m?.[3];
    if (!m || raw === undefined) continue;
    const v = raw.trim().replace(/,$/, '');
    if (!isStreetValue(v)) continue;
    const start = m.index + m[0].length - raw.length - (m[3] === undefined ? 1 : 0) + (raw.length - raw.trimStart().length);
    out.push({ type: 'STREET_ADDRESS', start, end: start + v.length, confidence: 0.75 });
  }
}

/** The whole value of an address field, or cells of an address column, that read as a street line. */
export function fieldAddresses(ctx: ScanContext): Span[] {
  const out: Span[] = [];
  if (ADDRESS_KEY.test(ctx.key)) {
    const { value, start, end } = wholeValue(ctx.text);
    if (isStreetValue(value)) out.push({ type: 'STREET_ADDRESS', start, end, confidence: 0.75 });
  }
  if (!mentionsAny(ctx, ADDRESS_HEADER_WORDS)) return out;
  const words = matchAll(ctx.lower, ADDRESS_WORD);
  if (hasAnyChar(ctx.text, ':=')) writtenPairs(ctx, words, out);
  if (!ctx.text.includes('\n')) return out;
  for (const cell of cellsUnder(ctx, words.map((w) => w.index + w[0].length))) {
    if (isStreetValue(ctx.text.slice(cell.start, cell.end)) && inColumnUnder(ctx, cell.start, ADDRESS_HEADER)) {
      out.push({ type: 'STREET_ADDRESS', start: cell.start, end: cell.end, confidence: 0.75 });
    }
  }
  return out;
}
