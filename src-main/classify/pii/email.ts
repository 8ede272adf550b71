import { isAlnum } from '../context';
import { isReservedDomain } from '../placeholders';
import type { Detector, Span } from '../types';

/** Local part: letters, digits and . _ % + ' - */
const isLocal = (c: number): boolean => isAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 39 || c === 45;
const hasAlnum = (text: string, from: number, to: number): boolean => {
  for (let i = from; i < to; i++) if (isAlnum(text.charCodeAt(i))) return true;
  return false;
};
/** Domain: letters, digits, dots and hyphens. */
const isDomain = (c: number): boolean => isAlnum(c) || c === 46 || c === 45;
/** Image/asset names such as `logo@2x.png` are not mailboxes. */
const FILE_TLDS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'js', 'ts', 'css', 'json', 'txt', 'md', 'pdf']);

/** EMAIL: expands around each `@` (bounded both ways), so the cost is linear in the text. */
export const detectEmail: Detector = ({ text }) => {
  const out: Span[] = [];
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let s = at;
    while (s > 0 && at - s < 64 && isLocal(text.charCodeAt(s - 1))) s--;
    // A local part does not start with a dot, and a leading apostrophe is a string's quote ('a@b.io').
    while (text[s] === '.' || text[s] === "'") s++;
    let e = at + 1;
    while (e < text.length && e - at < 254 && isDomain(text.charCodeAt(e))) e++;
    while (e > at + 1 && /[.-]/.test(text[e - 1] as string)) e--;
    // A local part of symbols alone is a pattern, not a mailbox (LIKE '%@gmail.com').
    if (s === at || e <= at + 1 || !hasAlnum(text, s, at)) continue;
    const domain = text.slice(at + 1, e);
    const labels = domain.split('.');
    const tld = labels[labels.length - 1] ?? '';
    if (labels.length < 2 || labels.some((l) => l === '') || !/^[A-Za-z]{2,24}$/.test(tld)) continue;
    if (FILE_TLDS.has(tld.toLowerCase()) || isReservedDomain(domain)) continue;
    if (text[e] === ':' && text.slice(s, at) === 'git') continue; // git@host:org/repo remotes
    out.push({ type: 'EMAIL', start: s, end: e, confidence: 0.95 });
  }
  return out;
};
