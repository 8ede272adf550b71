import { cueNearby, findAfterCue } from '../context';
import { wordList } from '../grams';
import type { Detector } from '../types';

/**
 * Birth cues as records write them, in field names (`date_of_birth`, `birthDate`, `patient_dob`);
 * `_` is no `\b` break, so letters bound the words on the right.
 */
const CUE = /\b(?:dob|d\.o\.b\.?|date[ _-]?of[ _-]?birth|birth[ _-]?(?:date|day|dt)|born(?: on| in)?)(?![a-z])|birth|dob/g;
/**
 * The same in the languages agents commonly meet ("Data de nascimento", "geb. am", "née le",
 * "生年月日"): a second pattern with its own words, so English text does not pay for it.
 */
const CUE_ABROAD =
  /\b(?:geburtsdatum|geb\.(?: am)?|geboren(?: am| op)?|fecha de nacimiento|fecha nac\.?|nacid[oa](?: el)?|date de naissance|née? le|data de nascimento|nascid[oa](?: em)?|data di nascita|nat[oa] il|geboortedatum|data urodzenia|urodzon[ya]|födelsedatum|fødselsdato|syntymäaika|datum narození|doğum tarihi)|дата рождения|生年月日|出生日期|생년월일|nascimento|nascita|naissance|nacimiento|geburt/g;
/** Month names and abbreviations in English, German, French, Spanish, Portuguese, Italian and Dutch. */
const MONTH = '(?:jan|feb|f[eé]v|fev|mar|m[aä]r|apr|avr|abr|may|mai|mag|mei|jun|jui|giu|jul|lug|aug|ao[uû]|ago|sep|set|oct|okt|out|ott|nov|dec|d[eé]c|dez|dic)[a-zà-ÿ]{0,7}\\.?';
/** ISO and slashed or dotted dates either way round, month names ("12. März 1980", "3 de junho de 1975"), 1980年5月3日. */
const DATE = new RegExp(
  `(?<![\\w/.-])(?:\\d{4}-\\d{2}-\\d{2}|\\d{4}[/.]\\d{1,2}[/.]\\d{1,2}|\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})|${MONTH} \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}|\\d{1,2}(?:st|nd|rd|th|er|\\.)? (?:de )?${MONTH},? (?:de )?\\d{4}|\\d{4}年\\d{1,2}月\\d{1,2}日)(?![\\w/-]|\\.\\d)`,
  'gi',
);

const CUE_WORDS = wordList(['birth', 'dob', 'born', 'd.o.b']);
const ABROAD_WORDS = wordList([
  'geburt', 'geb.', 'geboren', 'nacimiento', 'nacid', 'naissance', 'née', 'nascimento', 'nascid', 'nascita', 'nato il', 'nata il',
  'geboorte', 'urodz', 'födelse', 'fødsel', 'syntymä', 'narození', 'doğum', 'рождения', '生年月日', '出生', '생년월일',
]);

/** DATE_OF_BIRTH: the first date within a short gap after a birth cue (or in a dob field). */
export const detectDateOfBirth: Detector = (ctx) => {
  const hits = cueNearby(ctx, CUE_WORDS) ? findAfterCue(ctx, CUE, DATE, 30) : [];
  if (cueNearby(ctx, ABROAD_WORDS)) hits.push(...findAfterCue(ctx, CUE_ABROAD, DATE, 30));
  return hits.map(({ start, end }) => ({ type: 'DATE_OF_BIRTH', start, end, confidence: 0.9 }));
};
