import { isSpace, matchAll, mentionsAny, windowBefore } from '../context';
import { wordList } from '../grams';
import type { Detector, Span } from '../types';
import { isMention } from './mention';

const GATE = wordList(['..', '%2e', '/etc/', '/proc/', '~/.', '.ssh', '.aws', 'win.ini', '.netrc', '.git-credentials', '.bash_history', 'boot.ini']);
/** One climb: `../`, `..\`, and their URL-encoded, double-encoded and filter-evading forms. */
const CLIMB = /(?:\.\.|%2e%2e|%252e%252e|\.%2e|%2e\.|\.\.\.\.)(?:\/{1,2}|\\{1,2}|%2f|%5c|%252f|%255c)/g;
const ENCODED = /%2e|%2f|%5c|%25|\.\.\.\./;
const SENSITIVE =
  /\/etc\/(?:passwd|shadow|sudoers|master\.passwd|gshadow)\b|\/proc\/self\/(?:environ|cmdline|maps|mem)\b|~\/\.(?:ssh|aws|gnupg|kube|docker|netrc|git-credentials|bash_history|config\/gcloud)\b|\.aws\/credentials\b|\.ssh\/(?:id_[a-z0-9]+|authorized_keys|known_hosts)\b|\.git-credentials\b|\/\.netrc\b|\.bash_history\b|windows\\+win\.ini\b|\\boot\.ini\b/g;
const SENSITIVE_ONE = new RegExp(SENSITIVE.source);
/** Field names that take a path or file name. */
const PATH_KEY = /(?:path|file|filename|src|source|dest|destination|target|dir|directory|folder|template|include|page|doc|document|attachment|name|uri|url|location|resource|key|object)$/;
/**
 * What reads the file given next: a command or option on the same line, a file-reading call in
 * code (`fs.readFileSync('`, `file_get_contents("`), or a request to read it, in the languages
 * agents commonly meet ("read the file", "lies die Datei", "affiche le fichier").
 */
const READER =
  /(?:\b(?:cat|tar|zip|cp|scp|rsync|base64|less|more|head|tail|xxd|strings|open|type|get-content|gc|gzip|curl|wget|nc|sftp|read_file)\b[^\n;|&]{0,60}|@|<\s{0,2}|[?&][\w.-]{1,32}=|\b(?:readfilesync|readfile|file_get_contents|fopen|read_text|read_bytes|readalltext|readalllines|readallbytes|load)\s{0,2}\(\s{0,2}["'`]?|\b(?:read|show|print|display|dump|lies|zeig|zeige|öffne|lire|lis|affiche|ouvre|lee|muestra|abre|leggi|mostra|apri)\b(?:\s{1,3}(?:me|mir|moi))?(?:\s{1,3}(?:the|die|den|das|le|la|el|il|lo|my|your|meine|deine))?(?:\s{1,3}(?:file|contents? of|datei|inhalt von|fichier|contenu de|archivo|contenido de|ficheiro))?\s{1,3})$/;
/** Relative imports and links in code and docs climb on purpose. */
const CODE_REFERENCE = /(?:\bfrom\s{1,3}|\brequire\s{0,2}\(\s{0,2}|\bimport\s{1,3}(?:\(\s{0,2})?|#include\s{0,3}|@import\s{1,3}|\]\(\s{0,2}|\b(?:src|href)\s{0,2}=\s{0,2})["'<]?$/;
/** Path characters: anything but whitespace and the punctuation that ends an argument. */
const isPathChar = (c: number): boolean =>
  !isSpace(c) && c !== 34 && c !== 39 && c !== 96 && c !== 60 && c !== 62 && c !== 124 && c !== 59 && c !== 38 && c !== 44 &&
  c !== 40 && c !== 41 && c !== 91 && c !== 93 && c !== 123 && c !== 125 && c !== 61 && c !== 63;

function pathToken(text: string, at: number): { start: number; end: number } {
  let start = at;
  while (start > 0 && at - start < 512 && isPathChar(text.charCodeAt(start - 1))) start--;
  let end = at;
  while (end < text.length && end - at < 1024 && isPathChar(text.charCodeAt(end))) end++;
  while (end > at && /[.,:]/.test(text[end - 1] as string)) end--;
  return { start, end };
}

export const detectPathTraversal: Detector = (ctx) => {
  const { text, lower } = ctx;
  if (!mentionsAny(ctx, GATE)) return [];
  // The value's extent without surrounding whitespace: a token covering it is the whole argument.
  const head = text.length - text.trimStart().length;
  const tail = text.trimEnd().length;
  const out: Span[] = [];
  // Hits are visited in text order; one inside the last token examined belongs to that token.
  let examinedTo = -1;
  const consider = (at: number, sensitive: boolean): void => {
    if (at < examinedTo) return;
    const token = pathToken(text, at);
    examinedTo = token.end;
    const value = lower.slice(token.start, token.end);
    const climbs = matchAll(value, CLIMB).length;
    const leading = windowBefore(ctx, token.start, 80);
    if (CODE_REFERENCE.test(leading)) return;
    const argument = ctx.key !== '' && token.start <= head && token.end >= tail && PATH_KEY.test(ctx.key);
    const used = argument || READER.test(leading) || (ctx.key !== '' && climbs > 0);
    const risky = (ENCODED.test(value) && climbs > 0) || climbs >= 2 || sensitive || (climbs === 1 && SENSITIVE_ONE.test(value));
    if (!risky || !(used || (climbs >= 2 && ENCODED.test(value)) || climbs >= 3)) return;
    if (isMention(ctx, token.start, token.end)) return;
    out.push({ type: 'PATH_TRAVERSAL', start: token.start, end: token.end, confidence: 0.85 });
  };
  // Walk both hit kinds in text order, resuming after each examined token (no per-hit arrays).
  const next = (re: RegExp, from: number): number => {
    re.lastIndex = from;
    const m = re.exec(lower);
    return m ? m.index : -1;
  };
  let climb = next(CLIMB, 0);
  let sensitive = next(SENSITIVE, 0);
  while (climb >= 0 || sensitive >= 0) {
    const isClimb = sensitive < 0 || (climb >= 0 && climb <= sensitive);
    consider(isClimb ? climb : sensitive, !isClimb);
    const resume = Math.max(examinedTo, (isClimb ? climb : sensitive) + 1);
    if (climb >= 0 && climb < resume) climb = next(CLIMB, resume);
    if (sensitive >= 0 && sensitive < resume) sensitive = next(SENSITIVE, resume);
  }
  return out;
};
