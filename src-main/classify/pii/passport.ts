import { cueNearby, findAfterCue, wholeValue } from '../context';
import { wordList } from '../grams';
import type { Detector, Span } from '../types';

/**
 * "Passport" in the languages agents commonly meet: English, German (Reisepass), French, Spanish
 * and Turkish (pasaport-), Portuguese, Italian and Catalan (passaport-), Dutch and Indonesian
 * (paspo-), Polish, Russian, Greek, Hebrew, Arabic, Persian, Hindi, Vietnamese, Japanese, Chinese, Korean.
 */
const CUE_SOURCE = 'passport|reisepass|passeport|pasaport|passaport|paspo|paszport|паспорт|διαβατήριο|דרכון|جواز|پاسپورت|पासपोर्ट|hộ chiếu|旅券|パスポート|护照|護照|여권';
const CUE = new RegExp(CUE_SOURCE, 'g');
const CUE_TEST = new RegExp(CUE_SOURCE);
/** Passport numbers are 6–9 uppercase letters/digits with at least two digits. */
const NUMBER = /(?<![\w-])(?=(?:[A-Z]*\d){2})[A-Z0-9]{6,9}(?![\w-])/g;
const WHOLE_NUMBER = /^(?=(?:[A-Z]*\d){2})[A-Z0-9]{6,9}$/;
/**
 * The number field of an identity document (`document_number`, `number`): a passport number when
 * the JSON before it names a passport, as a sibling `"type": "passport"` that other fields and
 * indentation push beyond an ordinary cue's reach.
 */
const DOCUMENT_NUMBER_KEY = /^(?:document|doc|id)?(?:number|no|num|nr)$/;

const CUE_WORDS = wordList(CUE_SOURCE.split('|'));

export const detectPassport: Detector = (ctx) => {
  if (!cueNearby(ctx, CUE_WORDS)) return [];
  const spans: Span[] = findAfterCue(ctx, CUE, NUMBER, 40).map(({ start, end }) => ({ type: 'PASSPORT', start, end, confidence: 0.85 }));
  const whole = wholeValue(ctx.text);
  if (spans.length === 0 && DOCUMENT_NUMBER_KEY.test(ctx.key) && CUE_TEST.test(ctx.before) && WHOLE_NUMBER.test(whole.value)) {
    spans.push({ type: 'PASSPORT', start: whole.start, end: whole.end, confidence: 0.8 });
  }
  return spans;
};
