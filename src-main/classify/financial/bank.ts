import { abaValid } from '../checksums';
import { findAfterCues, type Cue } from '../context';
import { wordList } from '../grams';
import type { Detector } from '../types';

const SWIFT_WORDS = wordList(['swift', 'bic']);
const SWIFT_CUE = /\b(?:swift|bic)\b|swift|bic/g;
/** Bank (4 letters), ISO country (2 letters), location (2), optional branch (3). */
const BIC = /(?<![\w-])[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?(?![\w-])/g;

export const detectSwiftBic: Detector = (ctx) =>
  findAfterCues(ctx, [[SWIFT_WORDS, SWIFT_CUE]], BIC, 24).map(({ start, end }) => ({ type: 'SWIFT_BIC', start, end, confidence: 0.9 }));

const ROUTING_WORDS = wordList(['routing', 'aba', 'rtn', 'transit', 'ach']);
const ROUTING_CUE = /\b(?:routing|aba|rtn|transit|ach)\b|routing|aba/g;
const NINE_DIGITS = /(?<![\w.-])\d{9}(?![\w-]|\.\d)/g;

/**
 * How far after its cue a routing number may sit: far enough for the account it belongs to ("the
 * ABA routing number for the new checking account is …"); the checksum keeps stray numbers out.
 */
const ROUTING_GAP = 48;

export const detectRouting: Detector = (ctx) =>
  findAfterCues(ctx, [[ROUTING_WORDS, ROUTING_CUE]], NINE_DIGITS, ROUTING_GAP)
    .filter(({ match }) => abaValid(match[0]))
    .map(({ start, end }) => ({ type: 'US_BANK_ROUTING', start, end, confidence: 0.95 }));

const ACCOUNT_WORDS = wordList(['acc', 'a/c', 'konto', 'kto']);
/** Account cues, with German's "Kontonummer", "Konto-Nr." and "Kto.-Nr."; a team or manager of an account is not one. */
const ACCOUNT_CUE = /\b(?:account|acct|acc|a\/c|kontonummer|konto|kto)\b(?! (?:team|manager|id|owner|holder name|settings|page))|account|acct/g;
/**
 * The same in Polish, French, Spanish, Portuguese, Italian, Dutch, Russian, Japanese, Chinese and
 * Korean ("numéro de compte", "número de cuenta", "conta corrente", "rekeningnummer", "номер счета",
 * "口座番号", "账号", "계좌번호"): a second pattern with its own words, so English text does not pay for it.
 * Portuguese and Italian take the account word with its qualifier: a bare "conta" or "conto" is a bill,
 * and "conta" also opens "contact".
 */
const ACCOUNT_WORDS_ABROAD = wordList(['konta', 'compte', 'cuenta', 'conta ', 'conto ', 'rekening', 'счет', 'счёт', '口座', '账号', '帐号', '계좌']);
const ACCOUNT_CUE_ABROAD =
  /\b(?:konta|compte|cuenta|conta (?:corrente|bancária)|(?:n[uú]mero|n[º°o]\.?) da conta|conto corrente|numero (?:di|del) conto|rekening(?:nummer)?)\b|сч[её]т|口座番号|[账帐]号|계좌 ?번호/g;
const ACCOUNT_NUMBER = /(?<![\w.-])\d{6,17}(?![\w-]|\.\d)/g;

const ACCOUNT_CUES: Cue[] = [[ACCOUNT_WORDS, ACCOUNT_CUE], [ACCOUNT_WORDS_ABROAD, ACCOUNT_CUE_ABROAD]];

export const detectBankAccount: Detector = (ctx) =>
  findAfterCues(ctx, ACCOUNT_CUES, ACCOUNT_NUMBER, 24).map(({ start, end }) => ({ type: 'BANK_ACCOUNT', start, end, confidence: 0.8 }));
