import { hasContext, matchAll, windowBefore } from '../context';
import type { Detector, Span } from '../types';

/** +CC numbers: groups of digits joined by single separators, optional (area). */
const INTERNATIONAL = /(?<![\w+])\+\d{1,3}(?:[ .-]?\(\d{1,4}\))?(?:[ .-]\d{1,8}){1,5}(?![\w-]|\.\d)/g;
/** North American numbers: (NPA) NXX-XXXX, NPA-NXX-XXXX, NPA.NXX.XXXX, NPA NXX XXXX. */
const NANP = /(?<![\w.+-])(?:1[ .-])?(?:\(([2-9]\d\d)\) ?|([2-9]\d\d)([ .-]))\d{3}([ .-])\d{4}(?![\w-]|\.\d)/g;
/** National numbers with a trunk 0 ("020 7946 0958", "06-12345678"): only next to a phone cue. */
const NATIONAL = /(?<![\w.+-])0\d{1,4}[ -]\d{3,8}(?:[ -]\d{3,4})?(?![\w-]|\.\d)/g;
const PHONE_CUE = /\b(?:phone|tel|telephone|call|mobile|cell|fax|contact|whatsapp|sms|text me|reach me)\b|phone|mobile|fax/;
const NOT_PHONE_CUE = /\b(?:order|invoice|tracking|ticket|build|version|sku|serial|ref|id|no)\b[\s#:.]*$/;

export const detectPhone: Detector = (ctx) => {
  const { text } = ctx;
  const out: Span[] = [];
  for (const m of matchAll(text, INTERNATIONAL)) {
    const digitCount = m[0].replace(/\D/g, '').length;
    if (digitCount < 8 || digitCount > 15) continue;
    out.push({ type: 'PHONE', start: m.index, end: m.index + m[0].length, confidence: 0.85 });
  }
  const international = out.length;
  let k = 0;
  for (const m of matchAll(text, NANP)) {
    // Both lists are in text order: skip NANP hits already covered by an international number.
    while (k < international && (out[k] as Span).end <= m.index) k++;
    const cover = out[k];
    if (k < international && cover && cover.start <= m.index) continue;
    const cued = hasContext(ctx, m.index, PHONE_CUE, 32);
    const separator = m[3] ?? m[4];
    // Space-only numbers are too often table columns; dashes/dots/parens are phone formatting.
    if (m[1] === undefined && separator === ' ' && !cued) continue;
    if (m[3] !== undefined && m[3] !== m[4]) continue;
    if (!cued && NOT_PHONE_CUE.test(windowBefore(ctx, m.index, 16))) continue;
    out.push({ type: 'PHONE', start: m.index, end: m.index + m[0].length, confidence: cued ? 0.9 : 0.75 });
  }
  for (const m of matchAll(text, NATIONAL)) {
    const digitCount = m[0].replace(/\D/g, '').length;
    if (digitCount < 9 || digitCount > 12 || !hasContext(ctx, m.index, PHONE_CUE, 32)) continue;
    if (out.some((o) => o.start < m.index + m[0].length && m.index < o.end)) continue;
    out.push({ type: 'PHONE', start: m.index, end: m.index + m[0].length, confidence: 0.75 });
  }
  return out;
};
