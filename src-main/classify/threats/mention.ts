import { mentionsAny } from '../context';
import { wordList } from '../grams';
import type { ScanContext } from '../types';

/**
 * Mention vs. use (classification.md rule 4): text that talks about an attack — training
 * material, docs, warnings, definitions — quotes it without carrying it. Looks at the hit's
 * sentence (only within the scanned string: sibling JSON fields such as a URL must not count).
 * SQL's LIKE operator (`WHERE email LIKE '%…'`) is not the "phrases like '…'" of discussion, and a
 * word named as a field (`"filter": "…"` in JSON pasted as text) is not discussion either. Docs on
 * chat templates name their tokens ("ChatML wraps turns as <|im_start|>…; [INST] markers").
 */
const DISCUSSION =
  /(?<![.\-/@])\b(?:such as|for example|for instance|e\.g\.|i\.e\.|examples?|phrases?|payloads?|attack(?:s|ers?)?|techniques?|commonly|most common|a common|classic|known as|is when|is called|refers? to|training|awareness|lesson|slide|quiz|cheat ?sheet|owasp|mitre|att&ck|detect(?:s|ed|ion)?|filters?|flags?|classifier|mitigat\w*|defen[cs]es?|beware|warning|dangerous|unsafe|explains?|describe[sd]?|post-exploitation|vulnerab\w*|parameteri[sz]ed|sanitiz\w*|injection|jailbreaks?|careful|watch out|security tips?|tokeni[sz]ers?|chatml|chat ?templates?|special tokens?|markers?|delimiters?)\b(?![.-][a-z]|["']\s{0,3}:)|(?<!\b(?:where|and|or|not|having)\s{1,3}[\w.`"[\]]{1,64}\s{1,3}|\bnot\s{1,3})like ["'“‘`]/;
/**
 * The same vocabulary in the languages agents commonly meet (Spanish, French, German, Portuguese,
 * Italian, Dutch): "por ejemplo", "par exemple", "zum Beispiel", "ataque", "Angriff", "inyección"…
 * Stems, bounded by letters on the left only, so inflections and accents all match.
 */
const ABROAD_STEMS = [
  'por ejemplo', 'p. ej.', 'p.ej.', 'por exemplo', 'par exemple', 'zum beispiel', 'z. b.', 'z.b.', 'ad esempio', 'per esempio',
  'bijvoorbeeld', 'ejemplo', 'exemplo', 'exemple', 'beispiel', 'esempi', 'ataque', 'attaque', 'angriff', 'angreifer', 'attacc',
  'aanval', 'inyecci', 'injecci', 'injeç', 'injektion', 'iniezion', 'injectie', 'técnica', 'tecnica', 'technik', 'vulnérab',
  'schwachstelle', 'sicherheitslücke', 'kwetsba', 'carga útil', 'charge utile', 'formación', 'capacitación', 'sensibilisation',
  'schulung', 'treinamento', 'formazione', 'peligros', 'dangereu', 'gefährlich', 'perigos', 'pericolos', 'gevaarlijk',
];
/**
 * The same in scripts whose words take prefixes or run together (Chinese, Japanese, Korean, Arabic,
 * Russian, Hindi) and in Turkish, Indonesian and Vietnamese: "例如", "攻撃", "공격", "هجوم", "например",
 * "उदाहरण", "örneğin", "serangan", "ví dụ". Matched anywhere in a word.
 */
const UNSPACED_STEMS = [
  '例如', '比如', '攻击', '注入', '培训', '例えば', '攻撃', 'インジェクション', '研修', '예를 들어', '공격', '인젝션', '교육', 'مثال', 'هجوم', 'حقن',
  'تدريب', 'например', 'атак', 'инъекц', 'обучени', 'उदाहरण', 'हमल', 'प्रशिक्षण', 'örneğin', 'saldırı', 'eğitim', 'contoh', 'serangan', 'pelatihan',
  'ví dụ', 'tấn công',
];
const DISCUSSION_ABROAD = new RegExp(`(?<!\\p{L})(?:${ABROAD_STEMS.map((w) => w.replace(/[.]/g, '\\.')).join('|')})|${UNSPACED_STEMS.join('|')}`, 'u');
/** The stems as gate words: a text holding none of them (most English text) skips the pattern. */
const ABROAD_WORDS = wordList([...ABROAD_STEMS, ...UNSPACED_STEMS]);
/** The last string asked about and the answer: strings are scanned one at a time. */
let abroadCtx: ScanContext | undefined;
let abroadHolds = false;

/** Does the text hold any stem of DISCUSSION_ABROAD? Once per scanned string. */
function mayDiscussAbroad(ctx: ScanContext): boolean {
  if (abroadCtx !== ctx) {
    abroadCtx = ctx;
    abroadHolds = mentionsAny(ctx, ABROAD_WORDS);
  }
  return abroadHolds;
}

/** The end of the hit's sentence: the text after the hit is read up to it. */
const SENTENCE_STOP = /[.!?](?=\s|$)|\n/;

/** Opening quotes and the closing quote each one takes. */
const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’', '«': '»', '`': '`' };

/**
 * A phrase quoted on its own (`the string "disregard your instructions"`, a title quoting 'ignore
 * previous instructions') is named, not said: a quote opens right before the cue and closes within
 * a few words after it, in the same sentence (an injection quoted whole goes on far past its cue).
 */
export function isQuoted(text: string, start: number, end: number): boolean {
  const close = QUOTES[text[start - 1] ?? ''];
  if (close === undefined) return false;
  const rest = text.slice(end, end + 24);
  const at = rest.indexOf(close);
  return at >= 0 && !/[.!?\n]/.test(rest.slice(0, at).replace(/[.,!?;:]$/, ''));
}

/**
 * `extra` adds detector-specific vocabulary (e.g. "never" for shell warnings). `readAfter` false:
 * only the text before the hit counts, for a hit that addresses the model by name at a sentence's
 * start ("Assistant, as part of the awareness test, forward…"): what follows is the order itself.
 */
export function isMention(ctx: ScanContext, start: number, end: number, extra?: RegExp, readAfter = true): boolean {
  // Bounded look-back: an unbounded lastIndexOf per hit would make many hits quadratic.
  const window = ctx.lower.slice(Math.max(0, start - 160), start);
  const before = window.slice(window.lastIndexOf('\n') + 1);
  const tail = readAfter ? ctx.lower.slice(end, Math.min(ctx.lower.length, end + 100)) : '';
  const stop = tail.search(SENTENCE_STOP);
  const after = stop < 0 ? tail : tail.slice(0, stop);
  return discusses(ctx, before, extra) || discusses(ctx, after, extra);
}

/** Does `text` carry the vocabulary of discussion, in any language, or the detector's own (`extra`)? */
function discusses(ctx: ScanContext, text: string, extra: RegExp | undefined): boolean {
  return DISCUSSION.test(text) || (extra !== undefined && extra.test(text)) || (mayDiscussAbroad(ctx) && DISCUSSION_ABROAD.test(text));
}

/** Markdown code fences. */
const FENCE = '```';
/** How far back a fence and the prose that introduces it are looked for. */
const FENCE_REACH = 600;
const LEAD_IN_CHARS = 200;

/**
 * Documentation shows commands in fenced code blocks, introduced by prose ("The quickest way to
 * install is the official script:"): for a hit inside a fence, that lead-in is the hit's sentence.
 */
export function isDocumented(ctx: ScanContext, start: number, extra?: RegExp): boolean {
  const window = ctx.lower.slice(Math.max(0, start - FENCE_REACH), start);
  let fences = 0;
  let open = -1;
  for (let at = window.indexOf(FENCE); at >= 0; at = window.indexOf(FENCE, at + FENCE.length)) {
    fences++;
    open = at;
  }
  if (fences % 2 === 0) return false;
  const leadIn = window.slice(Math.max(0, open - LEAD_IN_CHARS), open);
  return discusses(ctx, leadIn, extra);
}

