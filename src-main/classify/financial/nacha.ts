/**
 * NACHA ACH files: fixed-width 94-character records, where a field's columns are its name
 * (classification.md rule 6). An entry detail record (type 6) holds the receiving bank's routing
 * number in columns 4–12 and the receiver's account number in columns 13–29.
 */
import { abaValid } from '../checksums';
import { matchAll } from '../context';
import type { Detector, Span } from '../types';

/** An entry detail record: type 6, a transaction code (checking or savings credit/debit/prenote), 9 digits, then the account. */
const ENTRY = /(?:^|\n)(6[2-5][2-9](\d{9}))([ 0-9A-Za-z-]{17})\d{10}[^\n]{55}(?=\r?\n|$)/g;
const ACCOUNT = /^[0-9A-Za-z-]{4,17}$/;

export const detectNacha: Detector = (ctx) => {
  const { text } = ctx;
  if (text.length < 94 || !text.includes('\n6')) return [];
  const out: Span[] = [];
  for (const m of matchAll(text, ENTRY)) {
    const routing = m[2] as string;
    if (!abaValid(routing)) continue;
    const recordStart = m.index + m[0].indexOf(m[1] as string);
    out.push({ type: 'US_BANK_ROUTING', start: recordStart + 3, end: recordStart + 12, confidence: 0.85 });
    const account = (m[3] as string).trimEnd();
    if (ACCOUNT.test(account) && /\d{4}/.test(account)) out.push({ type: 'BANK_ACCOUNT', start: recordStart + 12, end: recordStart + 12 + account.length, confidence: 0.8 });
  }
  return out;
};
