import { matchAll, mentionsAny } from '../context';
import { wordList } from '../grams';
import type { Detector, Span } from '../types';

const SUFFIX =
  '(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Square|Sq|Trail|Trl|Straße|Strasse)';
const WORD = '(?: [A-Z][a-z]{1,20}| [NSEW]\\.?| \\d{1,3}(?:st|nd|rd|th))';
/** A compass direction after the suffix ("Peachtree Rd NE"). */
const DIRECTION = '(?: [NS][EW](?![\\w]))?';
const UNIT = '(?:,? (?:Apt|Apartment|Suite|Ste|Unit|Fl|Floor|#)\\.? ?#?[A-Za-z0-9-]{1,6})?';
/** ", City, ST 12345" (US) or ", City AB1 2CD" (UK postcode). */
const CITY =
  '(?:, [A-Z][a-z]{1,20}(?: [A-Z][a-z]{1,20}){0,2}(?:,? [A-Z]{2},? \\d{5}(?:-\\d{4})?| [A-Z]{1,2}\\d[A-Z\\d]? \\d[A-Z]{2}))?';
/** House number, 1–4 capitalised words, a street suffix; unit and city when contiguous. */
const ADDRESS = new RegExp(`(?<![\\w.-])\\d{1,6}[A-Z]?${WORD}{1,4} ${SUFFIX}\\b\\.?${DIRECTION}${UNIT}${CITY}`, 'g');
/**
 * Streets named without a suffix ("5081 N Broadway", "12 Via Verde"): the number and name are an
 * address when a unit or ", City, ST 12345" follows, which a street line alone would not need.
 */
const STATE_ZIP = ', [A-Z][a-z]{1,20}(?: [A-Z][a-z]{1,20}){0,2},? [A-Z]{2},? \\d{5}(?:-\\d{4})?(?![\\w-])';
const UNSUFFIXED = new RegExp(`(?<![\\w.-])\\d{1,6}[A-Z]?(?: [NSEW]\\.?)?(?: [A-Z][a-z]{1,20}){1,3}${UNIT}${STATE_ZIP}`, 'g');
/** ", 80331 München", ", 1015 CJ Amsterdam", ", 1100-048 Lisboa": postcode and city, contiguous with the street. */
const EU_CITY = "(?:,? (?:\\d{4} [A-Z]{2}|\\d{4}-\\d{3}|\\d{4,5}) [A-ZÄÖÜÉ][\\p{L}'-]{1,30}(?: (?:am|an der|sur|en) [A-Z][\\p{L}-]{1,20})?)?";
/**
 * Continental formats: the street name before the house number, the suffix fused to the name
 * ("Lindenallee 153a", "Hauptstraße 5", "Keizersgracht 123"), or a street word of its own
 * ("Berliner Straße 12", "Calle Mayor 7", "Rua Augusta 27").
 */
const EU_STREET_FIRST = new RegExp(
  `(?<![\\p{L}\\d.-])(?:(?:[A-ZÄÖÜ][\\p{Ll}]{1,24}[ -])?[A-ZÄÖÜ][\\p{Ll}]{0,30}(?:straße|strasse|str\\.|allee|gasse|platz|weg|damm|ufer|chaussee|gracht|straat|laan|plein|vej|gatan|vägen|veien)|[A-ZÄÖÜ][\\p{Ll}]{1,24} (?:Straße|Strasse|Allee|Gasse|Platz|Weg|Damm)|(?:Calle|Avenida|Avda\\.|Paseo|Plaza|Viale|Piazza|Corso|Rua|Praça|Travessa) (?:(?:de|del|de la|de los|de las|do|da|dos|das|di|della) )?[A-ZÁÉÍÓÚ][\\p{L}'-]{1,30}(?: [A-ZÁÉÍÓÚ][\\p{L}'-]{1,20}){0,2},?) (?:n[º°o]\\.? ?)?\\d{1,4}(?: ?[a-z](?![\\p{L}]))?(?:-\\d{1,4})?${EU_CITY}`,
  'gu',
);
/**
 * French order: number (bis/ter), street word, name ("111 bis rue de la Paix, 75002 Paris"); street
 * words that are also English words (place, route, passage) are left out.
 */
const FR_NUMBER_FIRST = new RegExp(
  `(?<![\\w.-])\\d{1,4}(?: ?(?:bis|ter|quater))?,? (?:rue|avenue|av\\.|boulevard|bd|chemin|allée|impasse|quai) (?:(?:de la|de l'|du|des|de|d')\\s?)?[A-ZÉÈÂ][\\p{L}'-]{1,30}(?: [A-ZÉÈ][\\p{L}'-]{1,20}){0,3}${EU_CITY}`,
  'gu',
);
/**
 * Words without which a pattern cannot match (a street suffix or street word): most text runs few
 * of the patterns. The continental and French words are checked through the n-gram filter: a
 * regex gate over that many words costs as much as the pattern.
 */
const US_GATE =
  /(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|parkway|highway|circle|square|trail|stra(?:ss|ß)e)\b/;
const EU_WORDS = wordList([
  'straße', 'strasse', 'str.', 'allee', 'gasse', 'platz', 'weg', 'damm', 'ufer', 'chaussee', 'gracht', 'straat', 'laan', 'plein', 'vej',
  'gatan', 'vägen', 'veien', 'calle', 'avenida', 'avda', 'paseo', 'plaza', 'viale', 'piazza', 'corso', 'rua ', 'praça', 'travessa',
]);
/** ", ST 12345" (a state and ZIP): without it the suffix-less form cannot match. */
const ZIP_GATE = / [A-Z]{2},? \d{5}/;
const FR_WORDS = wordList(['rue ', 'avenue ', 'av. ', 'boulevard ', 'bd ', 'chemin ', 'allée ', 'impasse ', 'quai ']);

function collect(out: Span[], text: string, re: RegExp): void {
  for (const m of matchAll(text, re)) {
    out.push({ type: 'STREET_ADDRESS', start: m.index, end: m.index + m[0].replace(/[.,]$/, '').length, confidence: 0.8 });
  }
}

export const detectStreetAddress: Detector = (ctx) => {
  // Every form has a space between number and street: single tokens (ids, dates) are skipped.
  if (!ctx.text.includes(' ')) return [];
  const out: Span[] = [];
  if (US_GATE.test(ctx.lower)) collect(out, ctx.text, ADDRESS);
  if (ZIP_GATE.test(ctx.text)) collect(out, ctx.text, UNSUFFIXED);
  if (mentionsAny(ctx, EU_WORDS)) collect(out, ctx.text, EU_STREET_FIRST);
  if (mentionsAny(ctx, FR_WORDS)) collect(out, ctx.text, FR_NUMBER_FIRST);
  return out;
};
