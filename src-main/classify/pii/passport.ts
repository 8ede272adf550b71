import { cueNearby, findAfterCue } from '../context';
import { wordList } from '../grams';
import type { Detector } from '../types';

const CUE = /passport|reisepass|passeport|pasaporte/g;
/** Passport numbers are 6–9 uppercase letters/digits with at least two digits. */
const NUMBER = /(?<![\w-])(?=(?:[A-Z]*\d){2})[A-Z0-9]{6,9}(?![\w-])/g;

const CUE_WORDS = wordList(['passport', 'reisepass', 'passeport', 'pasaporte']);

export const detectPassport: Detector = (ctx) =>
  !cueNearby(ctx, CUE_WORDS) ? [] : findAfterCue(ctx, CUE, NUMBER, 40).map(({ start, end }) => ({ type: 'PASSPORT', start, end, confidence: 0.85 }));
