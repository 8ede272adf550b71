import { cueNearby, findAfterCues, matchAll, type Cue } from '../context';
import { wordList } from '../grams';
import type { Detector } from '../types';

/**
 * Birth cues as records write them, in field names (`date_of_birth`, `birthDate`, `patient_dob`);
 * `_` is no `\b` break, so letters bound the words on the right.
 */
const CUE = /\b(?:dob|d\.o\.b\.?|date[ _-]?of[ _-]?birth|birth[ _-]?(?:date|day|dt)|born(?: on| in)?)(?![a-z])|birth|dob/g;
/**
 * The same in the languages agents commonly meet ("Data de nascimento", "geb. am", "née le",
 * "ngày sinh", "تاريخ الميلاد", "जन्म तिथि", "生年月日"): a second pattern with its own words, so
 * English text does not pay for it.
 */
const CUE_ABROAD =
  /\b(?:geburtsdatum|geb\.(?: am)?|geboren(?: am| op)?|fecha de nacimiento|fecha nac\.?|nacid[oa](?: el)?|date de naissance|née? le|data de nascimento|nascid[oa](?: em)?|data di nascita|nat[oa] il|geboortedatum|data urodzenia|urodzon[ya]|födelsedatum|fødselsdato|syntymäaika|datum narození|doğum tarihi|ngày sinh|tanggal lahir|tarikh lahir)|дата рождения|дата народження|ημερομηνία γέννησης|תאריך לידה|تاريخ الميلاد|تاریخ تولد|जन्म तिथि|जन्मतिथि|जन्म दिनांक|生年月日|出生日期|出生年月日|생년월일|nascimento|nascita|naissance|nacimiento|geburt/g;
/** Month names and abbreviations in English, German, French, Spanish, Portuguese, Italian and Dutch. */
const MONTH = '(?:jan|feb|f[eé]v|fev|mar|m[aä]r|apr|avr|abr|may|mai|mag|mei|jun|jui|giu|jul|lug|aug|ao[uû]|ago|sep|set|oct|okt|out|ott|nov|dec|d[eé]c|dez|dic)[a-zà-ÿ]{0,7}\\.?';
/** CCYYMMDD, as fixed-width records and HL7 write a date ("DOB=19800312"). */
export const COMPACT_DATE = '(?:19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])';
/**
 * ISO and slashed or dotted dates either way round, month names ("12. März 1980", "3 de junho de
 * 1975", "12-MAR-1980"), 1980年5月3日, 1980년 5월 3일, and compact CCYYMMDD.
 */
const DATE = new RegExp(
  `(?<![\\w/.-])(?:\\d{4}-\\d{2}-\\d{2}|\\d{4}[/.]\\d{1,2}[/.]\\d{1,2}|\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})|${MONTH} \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}|\\d{1,2}(?:st|nd|rd|th|er|\\.)? (?:de )?${MONTH},? (?:de )?\\d{4}|\\d{1,2}[-/]${MONTH}[-/](?:\\d{4}|\\d{2})|\\d{4}年\\d{1,2}月\\d{1,2}日|\\d{4}년 ?\\d{1,2}월 ?\\d{1,2}일|${COMPACT_DATE})(?![\\w/-]|\\.\\d)`,
  'gi',
);

const CUE_WORDS = wordList(['birth', 'dob', 'born', 'd.o.b']);
const ABROAD_WORDS = wordList([
  'geburt', 'geb.', 'geboren', 'nacimiento', 'nacid', 'naissance', 'née', 'né le', 'nascimento', 'nascid', 'nascita', 'nato il', 'nata il',
  'geboorte', 'urodz', 'födelse', 'fødsel', 'syntymä', 'narození', 'doğum', 'ngày sinh', 'lahir', 'рождения', 'народження', 'γέννησης',
  'לידה', 'الميلاد', 'تولد', 'जन्म', '生年月日', '出生', '생년월일',
]);
const CUES: Cue[] = [[CUE_WORDS, CUE], [ABROAD_WORDS, CUE_ABROAD]];

/** A birth cue in parentheses after its date: "3/9/72 (date of birth)", "1980-01-02 (DOB)". */
const CUE_AFTER = /\(\s{0,2}(?:dob|d\.o\.b\.?|date of birth|birth ?date|born)\s{0,2}\)/g;
const DATE_AT_END = new RegExp(`${DATE.source}\\s{0,2}$`, 'i');
/** Longest date DATE matches, plus the spaces before the parenthesis. */
const DATE_REACH = 32;

/** DATE_OF_BIRTH: the first date within a short gap after a birth cue (or in a dob field), or a date the cue follows in parentheses. */
export const detectDateOfBirth: Detector = (ctx) => {
  const out = findAfterCues(ctx, CUES, DATE, 30).map(({ start, end }) => ({ type: 'DATE_OF_BIRTH' as const, start, end, confidence: 0.9 }));
  for (const m of ctx.text.includes('(') && cueNearby(ctx, CUE_WORDS) ? matchAll(ctx.lower, CUE_AFTER) : []) {
    const from = Math.max(0, m.index - DATE_REACH);
    const d = DATE_AT_END.exec(ctx.text.slice(from, m.index));
    if (d) out.push({ type: 'DATE_OF_BIRTH', start: from + d.index, end: from + d.index + d[0].trimEnd().length, confidence: 0.85 });
  }
  return out;
};
