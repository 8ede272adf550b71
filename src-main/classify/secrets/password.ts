import { matchAll, mentionsAny, wholeValue } from '../context';
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
/**
 * A password's name and what ends it before the value, found in one scan: `password=`, `DB_PASSWORD: `,
 * `"password": ` (raw JSON inside text), `spring…password=`, wpa_supplicant's `psk=`, the same
 * aligned in columns (Terraform, YAML); a quoted name and a quoted value side by side (group
 * QUOTED_PAIR: PHP's `define('DB_PASSWORD', '…')`, `config.set("password", "…")`), whose value must
 * look like a password, as lists of field names look alike; and XML (group XML): an element named
 * for the password (`<password>…`, `<DbPassword>`) or .NET's `<add key="DbPassword" value="…" />`.
 */
const ASSIGNMENT =
  /(?:password|passwd|passphrase|passcode|pwd|_pass|pass_|(?<![a-z])pass(?![a-z])|(?<![a-z])(?:wpa_)?psk(?![a-z]))[a-z0-9_]{0,20}(?:["']?[ \t]{0,24}(?:=>|[:=])|(["']\s{0,3},(?=\s{0,3}["']))|(>|["']\s{1,3}value\s{0,3}=))\s{0,3}/g;
const QUOTED_PAIR = 1;
const XML = 2;
/** What opens an XML name before the password word: `<` of the element, or `key="` of a .NET setting. */
const XML_OPEN = /(?:<|\bkey\s{0,3}=\s{0,3}["'])[\w:.-]{0,30}$/;
const XML_REACH = 40;
/**
 * A password echoed into a tool that reads it from stdin: `echo 'X' | sudo -S …`, `echo 'user:X' |
 * chpasswd`, `echo X | passwd --stdin user`. Group STDIN_VALUE is the echoed text.
 */
const STDIN = /\becho\s{1,3}(?:-[ne]\s{1,3})?(["']?)([^\s"'|]{1,128})\1\s{0,3}\|\s{0,3}(?:sudo\s{1,3}-s\b|(?:sudo\s{1,3})?chpasswd\b|(?:sudo\s{1,3})?passwd\s{1,3}--stdin\b)/g;
const STDIN_VALUE = 2;
const STDIN_WORDS = wordList(['sudo -s', 'chpasswd', '--stdin']);
/** HTTP Basic credentials: base64 of `user:password`. */
const BASIC_AUTH = /\bauthorization\s{0,3}[:=]\s{0,3}["']?basic\s{1,3}([a-z0-9+/]{8,200}={0,2})/gi;
/**
 * Password flags: `--password X`, curl's `-u user:X`, `docker login -p X`, `mysql -pX`, the LDAP
 * tools' `-w X`.
 */
const FLAG = /(?:--(?:password|passwd|pass)(?:=|\s{1,3})|\bcurl\b[^\n]{0,200}?\s(?:-u|--user)[ =]{1,3}["']?[^\s:"']{1,64}:|\b(?:docker|podman|helm registry|oras) login\b[^\n]{0,80}?\s-p\s{1,3}|\bmysql(?:dump|admin)?\b[^\n]{0,80}?\s-p(?=[^\s-])|\bldap(?:search|modify|add|delete|passwd|whoami|compare|modrdn|exop)\b[^\n]{0,200}?\s-w\s{1,3})/g;
/**
 * Tools that take the password as a plain argument: `sshpass -p`, `redis-cli -a`, `htpasswd -b file
 * user password`, Windows' `net user name password` (a switch such as `/delete` in its place is none).
 */
const CLI_ARGUMENT =
  /\bsshpass\s{1,3}-p\s{0,3}|\bredis-cli\b[^\n]{0,80}?\s-a\s{1,3}|\bnet\s{1,3}user\s{1,3}(?:"[^"\n]{1,64}"|[^\s/"]\S{0,63})\s{1,3}(?=[^\s/])|\bhtpasswd\s{1,3}(?=-[a-z]{0,4}b|-[a-z]{1,4}\s{1,3}-[a-z]{0,4}b)(?:-[a-z]{1,5}\s{1,3}){1,3}[^\s-]\S{0,255}\s{1,3}\S{1,64}\s{1,3}/g;
/**
 * "The password for X is Y", "I reset my password to Y" (a "for X" clause only with its verb: "the
 * password for the VPN" names no value).
 */
const SENTENCE =
  /\b(?:password|passcode|passphrase|pw|pwd)(?:(?: for [a-z0-9 ._-]{1,30}?)?(?: is| was| will be| has been| of| (?:(?:re)?set|changed|updated) to| to|:))?\s{1,3}(?:now\s)?/g;
/**
 * The same in the languages agents commonly meet: "das Passwort für X lautet Y", "la contraseña
 * temporal de X es: Y", "le mot de passe de X est « Y »", "a senha do X é Y", "la password del server è Y".
 */
const SENTENCE_ABROAD =
  /\b(?:passwort|kennwort|contraseña|clave(?: de acceso)?|mot de passe|senha|palavra-passe|wachtwoord|hasło|heslo|jelszó|lösenord(?:et)?|passord(?:et)?|adgangskode(?:n)?|salasana|password(?= del| per))(?: (?:temporal|temporaire|provisoire|provisória|provisoria|temporária|temporanea|provvisoria|nueva|nouveau|nova|nuova|tijdelijk|neues|tymczasowe))?(?:(?: (?:für|del|de la|de|du|des|para|pour|do|da|per|della|dello|voor|van|dla|till) [a-z0-9à-ÿ ._-]{1,30}?)?(?:(?: lautet| ist| es| est| é| è| is| jest| je| är| er| on)\s?:?|\s?:))?\s{1,3}/g;
/**
 * In scripts without ASCII word breaks (Japanese, Chinese, Korean, Russian, Arabic, Hebrew, Greek,
 * Hindi, Turkish, Vietnamese) the value follows the word and its particle, verb or colon
 * ("パスワードは X です", "密码：X", "비밀번호는 X", "كلمة المرور: X", "mật khẩu là X"), maybe unspaced:
 * only its ASCII run counts.
 */
const SENTENCE_UNSPACED =
  /(?:パスワード|暗証番号|密码|密碼|口令|비밀번호|암호|пароль|كلمة (?:المرور|السر)|סיסמה|κωδικός|पासवर्ड|şifre(?:si|niz)?|mật khẩu|kata sandi)\s{0,2}(?:は|是|为|為|는|은|が|là|adalah|هي|היא|είναι)?\s{0,2}[:：]?\s{0,3}/g;

/** Literals without which no pattern below can match, as a whole and per pattern. */
const ABROAD_WORDS = wordList([
  'passwort', 'kennwort', 'contraseña', 'clave', 'mot de passe', 'senha', 'palavra-passe', 'wachtwoord', 'hasło', 'heslo', 'jelszó', 'lösenord', 'passord',
  'adgangskode', 'salasana', 'password del', 'password per',
]);
const UNSPACED_WORDS = wordList(['パスワード', '暗証番号', '密码', '密碼', '口令', '비밀번호', '암호', 'пароль', 'كلمة', 'סיסמה', 'κωδικός', 'पासवर्ड', 'şifre', 'mật khẩu', 'kata sandi']);
const ANY_WORDS = wordList(['pass', 'pwd', 'pw', 'psk', 'login', ' -p', ' -w', ' -u', '--user', 'basic', 'redis-cli', 'net user', 'sudo -s']);
const ASSIGNMENT_WORDS = wordList(['pass', 'pwd', 'psk']);
const FLAG_WORDS = wordList(['--pass', ' login', 'mysql', 'ldap', ' -u', '--user']);
const CLI_WORDS = wordList(['sshpass', 'redis-cli', 'htpasswd', 'net user']);
const SENTENCE_WORDS = wordList(['pass', 'pw']);
/** Patterns ending right before a value, each with its own literals. */
const VALUE_PATTERNS = [[ASSIGNMENT, ASSIGNMENT_WORDS], [FLAG, FLAG_WORDS], [CLI_ARGUMENT, CLI_WORDS]] as const;

/** Visible ASCII, quotes aside: where a password written into CJK or Cyrillic text ends. */
const isPrintableAscii = (c: number): boolean => c > 32 && c < 127 && c !== 34 && c !== 39 && c !== 96;

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
  const english = mentionsAny(ctx, ANY_WORDS);
  const abroad = mentionsAny(ctx, ABROAD_WORDS);
  const unspaced = mentionsAny(ctx, UNSPACED_WORDS);
  const mentioned = english || abroad || unspaced;
  if (!keyed && !mentioned) return [];
  const out: Span[] = [];
  const starts = new Set<number>();
  const push = (start: number, end: number, confidence: number): void => {
    if (starts.has(start) || !accept(text, start, end)) return;
    starts.add(start);
    out.push({ type: 'PASSWORD', start, end, confidence });
  };
  if (keyed) {
    const { value, start, end } = wholeValue(text);
    if (!/\s/.test(value)) push(start, end, 0.9);
  }
  if (!mentioned) return out;
  // Each pattern's own literals (a match cannot occur without one): dense text passes the
  // detector's gate above but often lacks these, and then the pattern is not run.
  for (const [re, gate] of VALUE_PATTERNS) {
    if (!mentionsAny(ctx, gate)) continue;
    for (const m of matchAll(lower, re)) {
      const value = readValueAt(text, m.index + m[0].length, 128);
      if (re === ASSIGNMENT && m[XML] !== undefined && !XML_OPEN.test(lower.slice(Math.max(0, m.index - XML_REACH), m.index))) continue;
      const paired = re === ASSIGNMENT && m[QUOTED_PAIR] !== undefined;
      if (value && (!paired || looksLikePassword(text.slice(value.start, value.end)))) push(value.start, value.end, paired ? 0.7 : 0.85);
    }
  }
  for (const m of mentionsAny(ctx, STDIN_WORDS) ? matchAll(lower, STDIN) : []) {
    const echoed = m[STDIN_VALUE] as string;
    const start = m.index + m[0].lastIndexOf(echoed, m[0].indexOf('|'));
    // chpasswd reads `user:password` lines.
    const colon = m[0].includes('chpasswd') ? echoed.indexOf(':') + 1 : 0;
    push(start + colon, start + echoed.length, 0.8);
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
  // Sentence forms: the value must also look like a password.
  const sentences = [...(english && mentionsAny(ctx, SENTENCE_WORDS) ? matchAll(lower, SENTENCE) : []), ...(abroad ? matchAll(lower, SENTENCE_ABROAD) : [])];
  for (const m of sentences) {
    const value = readValueAt(text, m.index + m[0].length, 64);
    if (value && looksLikePassword(text.slice(value.start, value.end))) push(value.start, value.end, 0.7);
  }
  for (const m of unspaced ? matchAll(lower, SENTENCE_UNSPACED) : []) {
    const start = m.index + m[0].length;
    let end = start;
    while (end < text.length && end - start < 64 && isPrintableAscii(text.charCodeAt(end))) end++;
    while (end > start && /[.,;)\]}]/.test(text[end - 1] as string)) end--;
    if (looksLikePassword(text.slice(start, end))) push(start, end, 0.7);
  }
  return out;
};
