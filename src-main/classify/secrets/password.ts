import { matchAll, mentionsAny } from '../context';
import { wordList } from '../grams';
import { isPlaceholder } from '../placeholders';
import type { Detector, Span } from '../types';
import { readValueAt } from './value';

/**
 * Field names whose whole value is a password: `*password`, `*passcode`, a Wi-Fi pre-shared key
 * (`psk`, `wpa_psk`), and the short forms services use (`admin_pass`, `root_pwd`).
 */
const PASSWORD_KEY =
  /^(?:\w*(?:password|passwd|passphrase|passcode)|(?:wpa|wifi|wlan)?psk|presharedkey|pass|pwd|pw|(?:db|admin|root|user|sql|mysql|sa|ftp|smtp|ldap|redis|wifi)(?:pass|pwd|pw))$/;
/**
 * Names of fields about a password rather than holding it: its hash or ciphertext, its rules and
 * lifetime. (`min`/`max` only as a prefix: `adminpassword` holds one.)
 */
const NOT_PASSWORD_KEY = /(?:hash|encrypt|cipher|policy|length|^min|^max|reset|field|type|label|hint|expir|changed|required|salt|rule|file)/;
/** `password=`, `DB_PASSWORD: `, `"password": ` (raw JSON inside text), `spring…password=`, wpa_supplicant's `psk=`. */
const ASSIGNMENT = /(?:password|passwd|passphrase|passcode|pwd|_pass|pass_|(?<![a-z])pass(?![a-z])|(?<![a-z])(?:wpa_)?psk(?![a-z]))[a-z0-9_]{0,20}["']?\s{0,3}(?:=>|[:=])\s{0,3}/g;
/** HTTP Basic credentials: base64 of `user:password`. */
const BASIC_AUTH = /\bauthorization\s{0,3}[:=]\s{0,3}["']?basic\s{1,3}([a-z0-9+/]{8,200}={0,2})/gi;
const FLAG = /(?:--(?:password|passwd|pass)(?:=|\s{1,3})|\b(?:docker|podman|helm registry|oras) login\b[^\n]{0,80}?\s-p\s{1,3}|\bmysql(?:dump|admin)?\b[^\n]{0,80}?\s-p(?=[^\s-]))/g;
/** Tools that take the password as a plain argument: `sshpass -p`, `redis-cli -a`, `htpasswd -b file user password`. */
const CLI_ARGUMENT =
  /\bsshpass\s{1,3}-p\s{0,3}|\bredis-cli\b[^\n]{0,80}?\s-a\s{1,3}|\bhtpasswd\s{1,3}(?=-[a-z]{0,4}b|-[a-z]{1,4}\s{1,3}-[a-z]{0,4}b)(?:-[a-z]{1,5}\s{1,3}){1,3}[^\s-]\S{0,255}\s{1,3}\S{1,64}\s{1,3}/g;
/**
 * "The password for X is Y" (a "for X" clause only with its verb: "the password for the VPN" names
 * no value).
 */
const SENTENCE = /\b(?:password|passcode|passphrase|pw|pwd)(?:(?: for [a-z0-9 ._-]{1,30}?)?(?: is| was| will be| of|:))?\s{1,3}(?:now\s)?/g;
/**
 * The same in the languages agents commonly meet: "das Passwort für X lautet Y", "la contraseña
 * de X es Y", "le mot de passe de X est Y", "a senha do X é Y", "la password del server è Y".
 */
const SENTENCE_ABROAD =
  /\b(?:passwort|kennwort|contraseña|mot de passe|senha|wachtwoord|hasło|lösenord(?:et)?|password(?= del| per))(?:(?: (?:für|del|de la|de|du|des|para|pour|do|da|per|della|dello|voor|van|dla|till) [a-z0-9à-ÿ ._-]{1,30}?)?(?: lautet| ist| es| est| é| è| is| jest| är|:))?\s{1,3}/g;

/** Literals without which no pattern below can match, as a whole and per pattern. */
const ABROAD_WORDS = wordList(['passwort', 'kennwort', 'contraseña', 'mot de passe', 'senha', 'wachtwoord', 'hasło', 'lösenord', 'password del', 'password per']);
const ANY_WORDS = wordList(['pass', 'pwd', 'pw', 'psk', 'login', ' -p', 'basic', 'redis-cli', 'kennwort', 'contraseña', 'senha', 'wachtwoord', 'hasło', 'lösenord']);
const ASSIGNMENT_WORDS = wordList(['pass', 'pwd', 'psk']);
const FLAG_WORDS = wordList(['--pass', ' login', 'mysql']);
const CLI_WORDS = wordList(['sshpass', 'redis-cli', 'htpasswd']);
const SENTENCE_WORDS = wordList(['pass', 'pw']);
/** Patterns ending right before a value, each with its own literals. */
const VALUE_PATTERNS = [[ASSIGNMENT, ASSIGNMENT_WORDS], [FLAG, FLAG_WORDS], [CLI_ARGUMENT, CLI_WORDS]] as const;
const SENTENCE_PATTERNS = [[SENTENCE, SENTENCE_WORDS], [SENTENCE_ABROAD, ABROAD_WORDS]] as const;

/** Sentence-form values must look like a password, not like an English word. */
const looksLikePassword = (v: string): boolean => v.length >= 6 && /[0-9!@#$%^&*_+=?-]/.test(v) && /[A-Za-z]/.test(v);

/** Code on the right of `password =` is an expression, not a literal: `getpass()`, `os.environ.X`. */
const EXPRESSION = /[()\n]|^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;

function accept(text: string, start: number, end: number): boolean {
  const v = text.slice(start, end);
  return v.length >= 4 && v.length <= 128 && !isPlaceholder(v) && !EXPRESSION.test(v) && !/^(?:true|false|null|none|required|optional)$/i.test(v);
}

export const detectPassword: Detector = (ctx) => {
  const { text, lower, key } = ctx;
  const keyed = key !== '' && PASSWORD_KEY.test(key) && !NOT_PASSWORD_KEY.test(key);
  const mentioned = mentionsAny(ctx, ANY_WORDS);
  if (!keyed && !mentioned) return [];
  const out: Span[] = [];
  const starts = new Set<number>();
  const push = (start: number, end: number, confidence: number): void => {
    if (starts.has(start) || !accept(text, start, end)) return;
    starts.add(start);
    out.push({ type: 'PASSWORD', start, end, confidence });
  };
  if (keyed) {
    const v = text.trim();
    if (!/\s/.test(v)) push(text.indexOf(v), text.indexOf(v) + v.length, 0.9);
  }
  if (!mentioned) return out;
  // Each pattern's own literals (a match cannot occur without one): dense text passes the
  // detector's gate above but often lacks these, and then the pattern is not run.
  for (const [re, gate] of VALUE_PATTERNS) {
    if (!mentionsAny(ctx, gate)) continue;
    for (const m of matchAll(lower, re)) {
      const value = readValueAt(text, m.index + m[0].length, 128);
      if (value) push(value.start, value.end, 0.85);
    }
  }
  for (const m of lower.includes('basic') ? matchAll(text, BASIC_AUTH) : []) {
    const token = m[1] ?? '';
    const decoded = Buffer.from(token, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0 && !isPlaceholder(decoded.slice(colon + 1))) {
      const start = m.index + m[0].length - token.length;
      push(start, start + token.length, 0.8);
    }
  }
  for (const [re, gate] of SENTENCE_PATTERNS) {
    for (const m of mentionsAny(ctx, gate) ? matchAll(lower, re) : []) {
      const value = readValueAt(text, m.index + m[0].length, 64);
      if (value && looksLikePassword(text.slice(value.start, value.end))) push(value.start, value.end, 0.7);
    }
  }
  return out;
};
