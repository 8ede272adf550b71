import { hasContext, matchAll, windowBefore } from '../context';
import type { Detector, Span } from '../types';

/** +CC numbers: groups of digits joined by single separators, optional (area) or (0) trunk. */
const INTERNATIONAL = /(?<![\w+])\+\d{1,3}(?:[ .-]?\(\d{1,4}\)(?:[ .-]?\d{1,8})?)?(?:[ .-]\d{1,8}){1,5}(?![\w-]|\.\d)/g;
/** North American numbers: (NPA) NXX-XXXX, NPA-NXX-XXXX, NPA.NXX.XXXX, NPA NXX XXXX. */
const NANP = /(?<![\w.+-])(?:1[ .-])?(?:\(([2-9]\d\d)\) ?|([2-9]\d\d)([ .-]))\d{3}([ .-])\d{4}(?![\w-]|\.\d)/g;
/**
 * National numbers, only next to a phone cue: a trunk 0 ("020 7946 0958", "030/7074464",
 * "(03) 5143 8248", "06 12 34 56 78"), digits in pairs after a short lead ("612 34 56 78"), or
 * an area code in parentheses before a hyphenated local number ("(31) 3340-8197", "(11) 98765-4321"),
 * a Chinese mobile in 3-4-4 groups ("139 1048 2273"), or nine digits in threes ("612 345 678").
 */
const NATIONAL =
  /(?<![\w.+/-])(?:(?:0\d{1,4}[ /-]|\(0\d{1,4}\) ?)\d{2,8}(?:[ -]\d{2,4}){0,3}|[1-9]\d{1,2}(?: \d{2}){3,4}|\([1-9]\d{1,2}\) ?\d{4,5}-\d{4}|1[3-9]\d([ -])\d{4}\1\d{4}|[1-9]\d{2}(?: \d{3}){2})(?![\w/-]|\.\d)/g;
/**
 * Phone cues, with "call me" and "number" words in the languages agents commonly meet ("me liga",
 * "llámame", "appelle-moi", "ruf mich an", "chiamami", "bel me", "Rufnummer", "numéro de portable"),
 * and the words for phone in scripts without `\b` word breaks ("電話番号", "연락처", "الهاتف", "मोबाइल").
 */
const PHONE_CUE =
  /\b(?:phone|tel(?! aviv)|telephone|call|mobile|cell|fax|contact|whatsapp|whats|sms|text me|reach me|telefon|telefono|teléfono|téléphone|telefone|fone|tél|tlf|handy|mobil|mobiel|móvil|celular|cellulare|portable|erreichen|erreichbar|anrufen|ruf|rufnummer|llamar|llámame|llama|appeler|appelle|appelez|ligar|liga|ligue|contato|contacto|chiamami|chiama|chiamare|bel|bellen|zap)\b|phone|mobile|fax|telefon|телефон|电话|電話|手机|手機|携帯|連絡先|联系|연락처|전화|휴대폰|핸드폰|هاتف|جوال|موبايل|फ़ोन|फोन|मोबाइल|điện thoại/;
/** A contact line: the number and an email address side by side ("a@b.de | 612 34 56 78", "612 34 56 78 · a@b.de"). */
const AFTER_EMAIL = /@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}\s{0,3}[|,;/·•]\s{0,3}$/;
const BEFORE_EMAIL = /^\s{0,3}[|,;/·•]\s{0,3}[\w.+-]{1,64}@/;
const NOT_PHONE_CUE = /\b(?:order|invoice|tracking|ticket|build|version|sku|serial|ref|id|no)\b[\s#:.]*$/;

const cuedAt = (ctx: Parameters<Detector>[0], index: number, end: number): boolean =>
  hasContext(ctx, index, PHONE_CUE, 32) || AFTER_EMAIL.test(windowBefore(ctx, index, 48)) || BEFORE_EMAIL.test(ctx.text.slice(end, end + 72));

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
    const cued = cuedAt(ctx, m.index, m.index + m[0].length);
    const separator = m[3] ?? m[4];
    // Space-only numbers are too often table columns; dashes/dots/parens are phone formatting.
    if (m[1] === undefined && separator === ' ' && !cued) continue;
    if (m[3] !== undefined && m[3] !== m[4]) continue;
    if (!cued && NOT_PHONE_CUE.test(windowBefore(ctx, m.index, 16))) continue;
    out.push({ type: 'PHONE', start: m.index, end: m.index + m[0].length, confidence: cued ? 0.9 : 0.75 });
  }
  for (const m of matchAll(text, NATIONAL)) {
    const digitCount = m[0].replace(/\D/g, '').length;
    if (digitCount < 9 || digitCount > 12 || !cuedAt(ctx, m.index, m.index + m[0].length)) continue;
    if (out.some((o) => o.start < m.index + m[0].length && m.index < o.end)) continue;
    out.push({ type: 'PHONE', start: m.index, end: m.index + m[0].length, confidence: 0.75 });
  }
  return out;
};
