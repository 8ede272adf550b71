import { isDelimiter } from '../context';

/** http(s)/ftp URLs in text, found by expanding around each "://" (linear, bounded per URL). */
export interface Url {
  start: number;
  end: number;
  host: string;
  path: string;
  query: string;
}


export function findUrls(text: string): Url[] {
  const out: Url[] = [];
  for (let sep = text.indexOf('://'); sep >= 0; sep = text.indexOf('://', sep + 3)) {
    const scheme = /(?:https?|ftp|wss?)$/i.exec(text.slice(Math.max(0, sep - 5), sep));
    if (!scheme) continue;
    const start = sep - scheme[0].length;
    let end = sep + 3;
    while (end < text.length && end - sep < 4096 && !isDelimiter(text.charCodeAt(end))) end++;
    while (end > sep + 3 && /[.,;:!?]/.test(text[end - 1] as string)) end--;
    const rest = text.slice(sep + 3, end);
    const authorityEnd = rest.search(/[/?#]/);
    const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
    const host = authority.slice(authority.lastIndexOf('@') + 1).replace(/:\d+$/, '').toLowerCase();
    const tail = authorityEnd < 0 ? '' : rest.slice(authorityEnd);
    const q = tail.indexOf('?');
    out.push({ start, end, host, path: q < 0 ? tail : tail.slice(0, q), query: q < 0 ? '' : tail.slice(q + 1) });
    sep = end - 3;
  }
  return out;
}
