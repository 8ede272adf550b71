import { hasAnyChar, matchAll, mentionsAny } from '../context';
import { wordList } from '../grams';
import type { Detector, Span } from '../types';
import { fieldAddresses } from './address-fields';

/** A field holding a street line in a positional record (HL7, X12): a house number, then a name. */
export const STREET_LINE = /^\d{1,6}[A-Z]? +[A-Za-z]/;

const SUFFIX =
  '(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Square|Sq|Trail|Trl|Grove|Close|Crescent|Cres|Gardens|Mews|Quay|Wharf|Esplanade|Alley|Straße|Strasse)';
const WORD = '(?: [A-Z][a-z]{1,20}| [NSEW]\\.?| \\d{1,3}(?:st|nd|rd|th))';
/** A compass direction after the suffix ("Peachtree Rd NE"). */
const DIRECTION = '(?: [NS][EW](?![\\w]))?';
const UNIT = '(?:,? (?:Apt|Apartment|Suite|Ste|Unit|Fl|Floor|#)\\.? ?#?[A-Za-z0-9-]{1,6})?';
/**
 * A flat or unit written before the house number, as UK and Australian addresses do ("Flat 3, 27 …"):
 * looked for before a match, not as the pattern's optional head, which every capital would try.
 */
const UNIT_BEFORE = /(?<![\w.-])(?:Flat|Apartment|Apt|Unit|Suite) [A-Za-z0-9]{1,5},? $/;
const UNIT_BEFORE_REACH = 20;
/** ", Montréal, QC H3B 1K1": a Canadian province and postal code. */
const CA_PROVINCE_POSTCODE = ',? (?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT) [A-Z]\\d[A-Z] ?\\d[A-Z]\\d';
/** ", City, ST 12345" (US), ", City AB1 2CD" (UK), ", City, QC H3B 1K1" (Canada), ", City NSW 2165" (Australia). */
const CITY =
  `(?:, [A-Z][a-zà-ÿ]{1,20}(?:[ -][A-Z][a-zà-ÿ]{1,20}){0,2}(?:,? [A-Z]{2},? \\d{5}(?:-\\d{4})?| [A-Z]{1,2}\\d[A-Z\\d]? \\d[A-Z]{2}|${CA_PROVINCE_POSTCODE}| (?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT) \\d{4}))?`;
/** House number, 1–4 capitalised words, a street suffix; unit and city when contiguous. */
const ADDRESS = new RegExp(`(?<![\\w.-])\\d{1,6}[A-Z]?${WORD}{1,4} ${SUFFIX}\\b\\.?${DIRECTION}${UNIT}${CITY}`, 'g');
/**
 * Streets named without a suffix ("5081 N Broadway", "12 Via Verde"): the number and name are an
 * address when a unit or ", City, ST 12345" follows, which a street line alone would not need.
 */
const STATE_ZIP = ', [A-Z][a-z]{1,20}(?: [A-Z][a-z]{1,20}){0,2},? [A-Z]{2},? \\d{5}(?:-\\d{4})?(?![\\w-])';
const UNSUFFIXED = new RegExp(`(?<![\\w.-])\\d{1,6}[A-Z]?(?: [NSEW]\\.?)?(?: [A-Z][a-z]{1,20}){1,3}${UNIT}${STATE_ZIP}`, 'g');
/** ", 80331 München", ", 1015 CJ Amsterdam", ", 1100-048 Lisboa", ", 00-514 Warszawa": postcode and city, contiguous with the street. */
const EU_CITY_BODY = ",? (?:\\d{4} [A-Z]{2}|\\d{4}-\\d{3}|\\d{2}-\\d{3}|\\d{4,5}) [A-ZÄÖÜÉŁŚŻ][\\p{L}'-]{1,30}(?: (?:am|an der|sur|en) [A-Z][\\p{L}-]{1,20})?";
const EU_CITY = `(?:${EU_CITY_BODY})?`;
/**
 * Continental formats: the street name before the house number, the suffix fused to the name
 * ("Lindenallee 153a", "Hauptstraße 5", "Keizersgracht 123"), or a street word of its own
 * ("Berliner Straße 12", "Calle Mayor 7", "C/ Alcalá 45", "Av. Paulista, 1578", "Via Giuseppe Garibaldi 34", "Rua Augusta 27").
 */
const EU_STREET_FIRST = new RegExp(
  `(?<![\\p{L}\\d.-])(?:(?:[A-ZÄÖÜ][\\p{Ll}]{1,24}[ -])?[A-ZÄÖÜ][\\p{Ll}]{0,30}(?:straße|strasse|str\\.|allee|gasse|platz|weg|damm|ufer|chaussee|gracht|straat|laan|plein|vej|gatan|vägen|veien)|[A-ZÄÖÜ][\\p{Ll}]{1,24} (?:Straße|Strasse|Allee|Gasse|Platz|Weg|Damm)|(?:Calle|C\\/|Avenida|Avda\\.|Av\\.|Paseo|Plaza|Via|Viale|Vicolo|Piazza|Largo|Corso|Rua|Praça|Travessa) (?:(?:de|del|de la|de los|de las|do|da|dos|das|di|della) )?[A-ZÁÉÍÓÚ][\\p{L}'-]{1,30}(?: [A-ZÁÉÍÓÚ][\\p{L}'-]{1,20}){0,2},?) (?:n[º°o]\\.? ?)?\\d{1,4}(?: ?[a-z](?![\\p{L}]))?(?:-\\d{1,4})?${EU_CITY}`,
  'gu',
);
/**
 * French order: number (bis/ter), street word, name, maybe a compass point ("111 bis rue de la Paix,
 * 75002 Paris", "1180 Rue Sainte-Catherine O, Montréal, QC H3B 1K1"); street words that are also
 * English words (place, route, passage) are left out.
 */
const FR_NUMBER_FIRST = new RegExp(
  `(?<![\\w.-])\\d{1,4}(?: ?(?:bis|ter|quater))?,? (?:[Rr]ue|[Aa]venue|[Aa]v\\.|[Bb]oulevard|[Bb]d|[Cc]hemin|[Aa]llée|[Ii]mpasse|[Qq]uai) (?:(?:de la|de l'|du|des|de|d')\\s?)?[A-ZÉÈÂ][\\p{L}'-]{1,30}(?: [A-ZÉÈ][\\p{L}'-]{1,20}){0,3}(?: [NSEO](?!\\p{L}))?(?:, [A-ZÉ][\\p{L}'-]{1,30}(?: [A-Z][\\p{L}'-]{1,20}){0,2}${CA_PROVINCE_POSTCODE}|${EU_CITY_BODY})?`,
  'gu',
);
/**
 * Polish order: ul./al./pl./os., the name, house and flat numbers ("ul. Marszałkowska 84/92 m. 17,
 * 00-514 Warszawa"); "et al." is a citation.
 */
const PL_STREET = new RegExp(
  `(?<![\\p{L}\\d.-])(?<!et )(?:ul\\.|al\\.|pl\\.|os\\.|ulica|aleja) ?[A-ZĄĆĘŁŃÓŚŹŻ][\\p{L}.-]{1,30}(?: [A-ZĄĆĘŁŃÓŚŹŻ\\d][\\p{L}.-]{0,20}){0,2} \\d{1,4}[a-zA-Z]?(?:\\/\\d{1,4})?(?: (?:m\\.|lok\\.) ?\\d{1,4})?${EU_CITY}`,
  'gu',
);
/** Chinese order, largest unit first, the street (路, 街, 道, 巷, 弄) and its number (号): "上海市徐汇区漕溪北路88号". */
const ZH_STREET = /(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{1,30}(?:路|街|道|巷|弄)\d{1,5}(?:-\d{1,5})?[号號](?:\d{1,5}(?:室|楼|樓))?/g;
/** Japanese: the locality, then chōme-banchi-gō ("千代田区丸の内1丁目2番3号", "丸の内1-2-3"). */
const JA_STREET = /(?<![\u3040-\u30ff\u4e00-\u9fff])[\u3040-\u30ff\u4e00-\u9fff]{1,30}[市区町村][\u3040-\u30ff\u4e00-\u9fff]{0,15}\d{1,4}(?:丁目|[-－])\d{1,4}(?:番地?|[-－])\d{1,4}号?/g;
/**
 * Words without which a pattern cannot match (a street suffix or street word): most text runs few
 * of the patterns. The continental and French words are checked through the n-gram filter: a
 * regex gate over that many words costs as much as the pattern.
 */
const US_GATE =
  /(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|parkway|highway|circle|square|trail|grove|close|crescent|cres|gardens|mews|quay|wharf|esplanade|alley|stra(?:ss|ß)e)\b/;
const EU_WORDS = wordList([
  'straße', 'strasse', 'str.', 'allee', 'gasse', 'platz', 'weg', 'damm', 'ufer', 'chaussee', 'gracht', 'straat', 'laan', 'plein', 'vej',
  'gatan', 'vägen', 'veien', 'calle', 'c/', 'avenida', 'avda', 'av.', 'paseo', 'plaza', 'via ', 'viale', 'vicolo', 'piazza', 'largo', 'corso', 'rua ', 'praça',
  'travessa',
]);
const PL_WORDS = wordList(['ul.', 'al.', 'pl.', 'os.', 'ulica', 'aleja']);
/** ", ST 12345" (a state and ZIP): without it the suffix-less form cannot match. */
const ZIP_GATE = / [A-Z]{2},? \d{5}/;
const FR_WORDS = wordList(['rue ', 'avenue ', 'av. ', 'boulevard ', 'bd ', 'chemin ', 'allée ', 'impasse ', 'quai ']);

/**
 * Street words that are also English words ("via", "plaza", "corso", "largo"): a match opening with
 * one and running on into lowercase words ("Via Zoom 3 people joined") is a sentence, not an address.
 */
const AMBIGUOUS_STREET_WORD = /^(?:Via|Plaza|Corso|Largo) /;
const RUNS_ON = /^ [a-z]/;

function collect(out: Span[], text: string, re: RegExp): void {
  for (const m of matchAll(text, re)) {
    if (AMBIGUOUS_STREET_WORD.test(m[0]) && RUNS_ON.test(text.slice(m.index + m[0].length, m.index + m[0].length + 2))) continue;
    const unit = re === ADDRESS ? UNIT_BEFORE.exec(text.slice(Math.max(0, m.index - UNIT_BEFORE_REACH), m.index)) : null;
    out.push({ type: 'STREET_ADDRESS', start: m.index - (unit ? unit[0].length : 0), end: m.index + m[0].replace(/[.,]$/, '').length, confidence: 0.8 });
  }
}

export const detectStreetAddress: Detector = (ctx) => {
  const out: Span[] = [];
  if (hasAnyChar(ctx.text, '号號')) collect(out, ctx.text, ZH_STREET);
  if (hasAnyChar(ctx.text, '市区町村')) collect(out, ctx.text, JA_STREET);
  // Every other form has a space between number and street: single tokens (ids, dates) are skipped.
  if (!ctx.text.includes(' ')) return out;
  if (US_GATE.test(ctx.lower)) collect(out, ctx.text, ADDRESS);
  if (ZIP_GATE.test(ctx.text)) collect(out, ctx.text, UNSUFFIXED);
  if (mentionsAny(ctx, EU_WORDS)) collect(out, ctx.text, EU_STREET_FIRST);
  if (mentionsAny(ctx, FR_WORDS)) collect(out, ctx.text, FR_NUMBER_FIRST);
  if (mentionsAny(ctx, PL_WORDS)) collect(out, ctx.text, PL_STREET);
  out.push(...fieldAddresses(ctx));
  return out;
};
