import { cueNearby, findAfterCue } from '../context';
import { wordList } from '../grams';
import type { Detector, Span } from '../types';

const CUE = /passport|reisepass|passeport|pasaporte/g;
const CUE_TEST = /passport|reisepass|passeport|pasaporte/;
/** Passport numbers are 6–9 uppercase letters/digits with at least two digits. */
const NUMBER = /(?<![\w-])(?=(?:[A-Z]*\d){2})[A-Z0-9]{6,9}(?![\w-])/g;
const WHOLE_NUMBER = /^(?=(?:[A-Z]*\d){2})[A-Z0-9]{6,9}$/;
/**
 * The number field of an identity document (`document_number`, `number`): a passport number when
 * the JSON before it names a passport, as a sibling `"type": "passport"` that other fields and
 * indentation push beyond an ordinary cue's reach.
 */
const DOCUMENT_NUMBER_KEY = /^(?:document|doc|id)?(?:number|no|num|nr)$/;

const CUE_WORDS = wordList(['passport', 'reisepass', 'passeport', 'pasaporte']);

export const detectPassport: Detector = (ctx) => {
  if (!cueNearby(ctx, CUE_WORDS)) return [];
  const spans: Span[] = findAfterCue(ctx, CUE, NUMBER, 40).map(({ start, end }) => ({ type: 'PASSPORT', start, end, confidence: 0.85 }));
  const value = ctx.text.trim();
  if (spans.length === 0 && DOCUMENT_NUMBER_KEY.test(ctx.key) && CUE_TEST.test(ctx.before) && WHOLE_NUMBER.test(value)) {
    const start = ctx.text.indexOf(value);
    spans.push({ type: 'PASSPORT', start, end: start + value.length, confidence: 0.8 });
  }
  return spans;
};
