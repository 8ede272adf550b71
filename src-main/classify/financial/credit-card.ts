import { knownCardBrand, luhnValid } from '../checksums';
import { matchAll } from '../context';
import type { Detector, Span } from '../types';

/** 13–19 digits, optionally grouped by single spaces or dashes. */
const CANDIDATE = /(?<![\w.-])\d(?:[ -]?\d){12,18}(?![\w-]|\.\d)/g;

export const detectCreditCard: Detector = ({ text }) => {
  const out: Span[] = [];
  for (const m of matchAll(text, CANDIDATE)) {
    const raw = m[0];
    const separators = raw.replace(/\d/g, '');
    if (separators.length > 0 && new Set(separators).size > 1) continue; // mixed " " and "-"
    const digits = raw.replace(/\D/g, '');
    if (/^(\d)\1+$/.test(digits) || !knownCardBrand(digits) || !luhnValid(digits)) continue;
    out.push({ type: 'CREDIT_CARD', start: m.index, end: m.index + raw.length, confidence: 0.95 });
  }
  return out;
};
