import { hasAnyChar, isSpace, matchAll, mentionsAny } from '../context';
import { wordList, type WordList } from '../grams';
import type { Detector, ScanContext, Span } from '../types';
import { isDocumented, isMention } from './mention';

/** Fields that hold a shell command by design: metacharacters there are normal. */
const SHELL_KEY = /^(?:command|cmd|commandline|script|shell|bash|sh|run|exec|execute|code|args|argv|cmdline|entrypoint|pipeline|steps|line)$/;
/** Commands a break-out runs (alternatives of a regex: `python3?` is one). */
const COMMANDS = 'rm|curl|wget|nc|ncat|netcat|bash|sh|zsh|cat|id|whoami|uname|ping|chmod|chown|python3?|perl|ruby|php|echo|ls|sleep|powershell|cmd|reboot|shutdown|kill|pkill|touch|mkdir|cp|mv|scp|ssh|telnet|nslookup|dig|base64|eval|exec|sudo|env|printenv|crontab|useradd|passwd|tftp|ftp|socat|xterm|busybox|certutil|bitsadmin|mshta|rundll32|regsvr32'.split('|');
const COMMAND = `(?:${COMMANDS.join('|')})`;
/**
 * A metacharacter followed by a command: the break-out from a non-shell parameter. A command word
 * followed by a call (`; EXEC xp_cmdshell('…')`, `; sleep(5)`) is SQL, not shell syntax.
 */
const METACHAR = new RegExp(`(?:;|&&|\\|\\||\\||\`|\\$\\(|\\n|%0a|%3b|%26%26|%7c)\\s{0,3}${COMMAND}\\b(?!\\s{0,3}\\(|\\s{1,3}[\\w.]{1,64}\\s{0,3}\\()`, 'g');
/** Longest METACHAR match (`%26%26`, three spaces, the longest command), plus the character its `\b` reads. */
const METACHAR_REACH = 6 + 3 + Math.max(...COMMANDS.map((c) => c.length)) + 1;
/** Leading whitespace, the first token and the whitespace after it. */
const FIRST_TOKEN = /^\s*\S*\s*/;

/**
 * Canonical droppers: dangerous anywhere they are carried, shell tool included. `chars`:
 * characters of which the pattern needs one (the `|` into an interpreter), checked by fast
 * single-character search once the gate passes.
 */
const DROPPERS: { re: RegExp; gate: WordList; chars?: string }[] = [
  { gate: wordList(['curl', 'wget', 'fetch', 'iwr', 'invoke-webrequest']), chars: '|', re: /\b(?:curl|wget|fetch|iwr|invoke-webrequest)\b[^\n|;&]{0,200}\|\s{0,3}(?:sudo\s{1,3})?(?:ba|z|da|k)?sh\b|\b(?:curl|wget)\b[^\n|;&]{0,200}\|\s{0,3}(?:python3?|perl|ruby|php|iex)\b/g },
  // Download, then make it executable (`chmod +x`, `chmod 755`, `chmod u+x`) or run it from where
  // it landed (`; /tmp/bot`, `&& ./x`, `; sh /dev/shm/x`).
  {
    gate: wordList(['curl', 'wget']),
    chars: ';&',
    re: /\b(?:curl|wget)\b[^\n]{0,200}?(?:&&|;)\s{0,3}(?:chmod\s{1,3}(?:[ugoa]{0,3}\+[rw]{0,2}x|[0-7]?[1357][0-7]{2})\b|(?:(?:ba|z)?sh\s{1,3})?(?:\.\/|\/tmp\/|\/dev\/shm\/|\/var\/tmp\/)[\w.-])/g,
  },
  { gate: wordList(['curl', 'wget']), re: /\b(?:ba|z)?sh\s{1,3}(?:-c\s{1,3}["']?\$\(|<\()\s{0,3}(?:curl|wget)\b/g },
  { gate: wordList(['/dev/tcp/', '/dev/udp/']), re: /\/dev\/(?:tcp|udp)\/[\w.-]{1,64}\/\d{1,5}/g },
  { gate: wordList(['nc', 'mkfifo', 'socat']), re: /\b(?:nc|ncat|netcat)\b[^\n|;&]{0,60}\s-[a-z]{0,3}e\s{1,3}(?:\/bin\/)?(?:ba)?sh\b|\bmkfifo\b[^\n]{0,80}\b(?:nc|ncat)\b|\bsocat\b[^\n]{0,80}\bexec:/g },
  { gate: wordList(['base64']), chars: '|', re: /\bbase64\s{1,3}(?:-d|--decode|-D)\b[^\n]{0,40}\|\s{0,3}(?:ba|z)?sh\b/g },
  { gate: wordList(['powershell', 'iex', 'downloadstring', 'invoke-expression']), re: /\bpowershell(?:\.exe)?\b[^\n]{0,80}\s-(?:e|enc|encodedcommand)\s{1,3}[A-Za-z0-9+/=]{16}|\biex\s{0,3}\(\s{0,3}(?:new-object|\(new-object|iwr|invoke-webrequest)|\.downloadstring\s{0,2}\(|\binvoke-expression\b[^\n]{0,80}(?:downloadstring|iwr|webclient)/g },
  { gate: wordList(['socket.socket']), re: /\bsocket\.socket\([^\n]{0,300}(?:dup2|subprocess|pty\.spawn)/g },
];
/** Separators a break-out needs, raw or URL-encoded. */
const METACHAR_WORDS = wordList([';', '|', '&', '`', '$(', '\n', '%0a', '%3b', '%26', '%7c']);
/** Warnings and documentation around a command: "never pipe…", "the vendor's docs suggest…, but we recommend verifying its checksum". */
const SHELL_MENTION = /\b(?:never|avoid|don't|do not|untrusted|install(?:ation|ing)?|instead|docs?|documentation|readme|suggests?|recommend(?:s|ed)?|checksums?)\b/;

/** A command starts after the nearest command separator or line start before `at`. */
function commandStart(text: string, at: number): number {
  let s = at;
  while (s > 0 && at - s < 400 && text[s - 1] !== '\n' && text[s - 1] !== ';' && !(text[s - 1] === '&' && text[s - 2] === '&')) s--;
  while (s < at && isSpace(text.charCodeAt(s))) s++;
  return s;
}

function commandEnd(text: string, from: number): number {
  const nl = text.slice(from, from + 600).indexOf('\n');
  let end = nl < 0 ? Math.min(text.length, from + 600) : from + nl;
  while (end > from && /[\s"'.]/.test(text[end - 1] as string)) end--;
  return end;
}

function injectedEnd(ctx: ScanContext, m: RegExpExecArray): number {
  if (m[0].startsWith('`')) {
    const close = ctx.text.slice(m.index + 1, m.index + 400).indexOf('`');
    if (close >= 0) return m.index + close + 2;
  }
  return commandEnd(ctx.text, m.index);
}

export const detectShellInjection: Detector = (ctx) => {
  const { text, lower } = ctx;
  const out: Span[] = [];
  for (const { re, gate, chars } of DROPPERS) {
    if (!mentionsAny(ctx, gate) || (chars !== undefined && !hasAnyChar(lower, chars))) continue;
    for (const m of matchAll(lower, re)) {
      if (isMention(ctx, m.index, m.index + m[0].length, SHELL_MENTION) || isDocumented(ctx, m.index, SHELL_MENTION)) continue;
      const start = ctx.key !== '' && !SHELL_KEY.test(ctx.key) ? m.index : commandStart(text, m.index);
      out.push({ type: 'SHELL_INJECTION', start, end: commandEnd(text, m.index + m[0].length), confidence: 0.9 });
    }
  }
  if (ctx.key !== '' && !SHELL_KEY.test(ctx.key) && mentionsAny(ctx, METACHAR_WORDS)) {
    // Injection appends to a parameter's own value (a host, a file name); prose with a ";" is not
    // one. A break-out past the second token has whitespace in its own value and is never kept,
    // so only the text up to there (plus the longest match) is scanned.
    const head = FIRST_TOKEN.exec(text)?.[0].length ?? 0;
    for (const m of matchAll(head < text.length ? lower.slice(0, head + METACHAR_REACH) : lower, METACHAR)) {
      const own = text.slice(0, m.index).trim();
      if (/\s/.test(own) || own.length > 256 || isMention(ctx, m.index, m.index + m[0].length)) continue;
      out.push({ type: 'SHELL_INJECTION', start: m.index, end: injectedEnd(ctx, m), confidence: 0.85 });
    }
  }
  return out;
};
