import { abaValid } from '../checksums';
import { cueNearby, findAfterCue } from '../context';
import { wordList } from '../grams';
import type { Detector } from '../types';

const SWIFT_WORDS = wordList(['swift', 'bic']);
const SWIFT_CUE = /\b(?:swift|bic)\b|swift|bic/g;
/** Bank (4 letters), ISO country (2 letters), location (2), optional branch (3). */
const BIC = /(?<![\w-])[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?(?![\w-])/g;

export const detectSwiftBic: Detector = (ctx) =>
  !cueNearby(ctx, SWIFT_WORDS) ? [] : findAfterCue(ctx, SWIFT_CUE, BIC, 24).map(({ start, end }) => ({ type: 'SWIFT_BIC', start, end, confidence: 0.9 }));

const ROUTING_WORDS = wordList(['routing', 'aba', 'rtn', 'transit', 'ach']);
const ROUTING_CUE = /\b(?:routing|aba|rtn|transit|ach)\b|routing|aba/g;
const NINE_DIGITS = /(?<![\w.-])\d{9}(?![\w-]|\.\d)/g;

export const detectRouting: Detector = (ctx) =>
  !cueNearby(ctx, ROUTING_WORDS) ? [] : findAfterCue(ctx, ROUTING_CUE, NINE_DIGITS, 24)
    .filter(({ match }) => abaValid(match[0]))
    .map(({ start, end }) => ({ type: 'US_BANK_ROUTING', start, end, confidence: 0.95 }));

const ACCOUNT_WORDS = wordList(['acc', 'a/c', 'konto']);
const ACCOUNT_CUE = /\b(?:account|acct|acc|a\/c|kontonummer|konto)\b(?! (?:team|manager|id|owner|holder name|settings|page))|account|acct/g;
const ACCOUNT_NUMBER = /(?<![\w.-])\d{6,17}(?![\w-]|\.\d)/g;

export const detectBankAccount: Detector = (ctx) =>
  !cueNearby(ctx, ACCOUNT_WORDS) ? [] : findAfterCue(ctx, ACCOUNT_CUE, ACCOUNT_NUMBER, 24).map(({ start, end }) => ({ type: 'BANK_ACCOUNT', start, end, confidence: 0.8 }));
