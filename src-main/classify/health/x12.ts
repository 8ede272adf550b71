/**
 * ASC X12 EDI (837 claims, 835 remittances, 820 payments): as in HL7, an element's position in its
 * segment, or the qualifier element before it, is its field name (classification.md rule 6). BPR
 * carries the payer's and payee's bank routing and account numbers after their qualifiers, NM1 an
 * NPI after qualifier XX, HI diagnosis codes after their ICD-10-CM qualifiers, REF a medical record
 * number (EA) or SSN (SY), DMG a birth date, N3 a street line. Segments open a line or follow `~`;
 * elements are split by `*`, composites by `:` (or `>`, `^`).
 */
import type { FindingType } from '../../../src-shared/decision';
import { abaValid, npiValid, ssnFieldValid } from '../checksums';
import { matchAll, mentionsAny } from '../context';
import { wordList } from '../grams';
import { COMPACT_DATE } from '../pii/date-of-birth';
import { STREET_LINE } from '../pii/street-address';
import type { Detector, Span } from '../types';
import { split, type Piece } from './segments';

const SEGMENT = /(?:^|[~\r\n])[ \t]{0,8}(BPR|NM1|HI|REF|DMG|N3)\*/g;
const SEGMENT_WORDS = wordList(['bpr*', 'nm1*', 'hi*', 'ref*', 'dmg*', 'n3*']);
/** Longest segment read: real ones are well under a few hundred characters. */
const MAX_SEGMENT = 1024;

/** BPR's (DFI qualifier, DFI number, account qualifier, account number) element positions: payer, then payee. */
const BPR_BANKS = [[6, 7, 8, 9], [12, 13, 14, 15]] as const;
/** DFI qualifier of an ABA routing number. */
const ABA_QUALIFIER = '01';
const ACCOUNT = /^\d{6,17}$/;
/** HI qualifiers of ICD-10-CM codes: principal, other, admitting, reason for visit, external cause. */
const ICD10_QUALIFIERS = new Set(['ABK', 'ABF', 'ABJ', 'APR', 'ABN']);
const ICD10 = /^[A-Z]\d[0-9AB][0-9A-Z]{0,4}$/;
const RECORD_ID = /^[A-Z0-9-]{4,20}$/;
const CCYYMMDD = new RegExp(`^${COMPACT_DATE}$`);

function elementsOf(text: string, start: number): Piece[] {
  const rest = text.slice(start, start + MAX_SEGMENT);
  const stop = rest.search(/[~\r\n]/);
  return split({ value: stop < 0 ? rest : rest.slice(0, stop), start }, '*');
}

function segmentSpans(name: string, e: Piece[]): Span[] {
  const out: Span[] = [];
  const add = (type: FindingType, el: Piece | undefined, from = 0, length = (el?.value.length ?? 0) - from): void => {
    if (el && length > 0) out.push({ type, start: el.start + from, end: el.start + from + length, confidence: 0.85 });
  };
  const value = (n: number): string => e[n]?.value ?? '';
  if (name === 'BPR') {
    for (const [dfiQualifier, dfi, accountQualifier, account] of BPR_BANKS) {
      if (value(dfiQualifier) === ABA_QUALIFIER && abaValid(value(dfi))) add('US_BANK_ROUTING', e[dfi]);
      if (value(accountQualifier) !== '' && ACCOUNT.test(value(account))) add('BANK_ACCOUNT', e[account]);
    }
  } else if (name === 'NM1') {
    if (value(8) === 'XX' && npiValid(value(9))) add('NPI', e[9]);
    else if (value(8) === '34' && ssnFieldValid(value(9))) add('US_SSN', e[9]);
  } else if (name === 'HI') {
    for (const el of e.slice(1)) {
      const parts = el.value.split(/[:>^]/);
      const code = parts[1] ?? '';
      if (ICD10_QUALIFIERS.has(parts[0] ?? '') && ICD10.test(code)) add('ICD10_CODE', el, (parts[0] as string).length + 1, code.length);
    }
  } else if (name === 'REF') {
    if (value(1) === 'EA' && RECORD_ID.test(value(2))) add('MEDICAL_RECORD', e[2]);
    else if (value(1) === 'SY' && ssnFieldValid(value(2))) add('US_SSN', e[2]);
  } else if (name === 'DMG') {
    if (value(1) === 'D8' && CCYYMMDD.test(value(2))) add('DATE_OF_BIRTH', e[2]);
  } else if (name === 'N3' && STREET_LINE.test(value(1))) {
    add('STREET_ADDRESS', e[1]);
  }
  return out;
}

export const detectX12: Detector = (ctx) => {
  if (!ctx.text.includes('*') || !mentionsAny(ctx, SEGMENT_WORDS)) return [];
  const out: Span[] = [];
  for (const m of matchAll(ctx.text, SEGMENT)) {
    const name = m[1] as string;
    out.push(...segmentSpans(name, elementsOf(ctx.text, m.index + m[0].length - name.length - 1)));
  }
  return out;
};
