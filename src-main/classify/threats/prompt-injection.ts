import { hasAnyChar, matchAll, mentionsAny } from '../context';
import { wordList } from '../grams';
import type { Detector, ScanContext } from '../types';
import { MODEL_NAMED, SENTENCE_PATTERNS, type ScannedPattern } from './injection-phrases';
import { isMention, isQuoted } from './mention';
import { joinAdjacent, sentenceEnd, sentenceStart } from './sentences';

const MAX_CANDIDATES = 256;

/**
 * Chat-template tokens and role spoofing: the span runs to the closing token or end of line.
 * Llama 3 headers (`<|start_header_id|>system<|end_header_id|>`, often after a forged
 * `<|eot_id|>`) put a blank line before the message, so they run to the next `<|eot_id|>`. The
 * legacy Anthropic prompt's `\n\nHuman:` turn is one of these tokens (a pasted chat says "User:").
 */
const TEMPLATE_OPEN =
  /<\|im_start\|>|<\|(?:system|user|assistant)\|>|\[inst\]|<<sys>>|(?:^|\n)\s{0,3}#{2,3}\s{0,2}(?:system|instruction)s?:|(?:<\|eot_id\|>\s{0,2})?<\|start_header_id\|>|\n[ \t]{0,3}\n[ \t]{0,3}human:/g;
const TEMPLATE_WORDS = wordList(['<|', '[inst]', '<<sys>>', '##', 'human:']);
const TEMPLATE_CLOSE = /<\|im_end\|>|<\|end\|>|\[\/inst\]|<<\/sys>>|\n\n/g;
const HEADER_CLOSE = /<\|eot_id\|>/g;
/**
 * ReAct spoofing: a forged Thought: followed by an Action: line, also in JSON-escaped text
 * pasted as such (lines broken by a literal `\n`).
 */
const REACT = /(?:^|\n|\\n)[ \t]{0,3}thought:(?:[^\n\\]|\\(?!n)){1,300}(?:\n|\\n)[ \t]{0,3}action(?: input)?:(?:[^\n\\]|\\(?!n)){0,200}/g;
/** Looked up by the n-gram filter: a plain search for it stops at every 't' of the text. */
const REACT_WORDS = wordList(['thought:']);
/**
 * Pseudo-XML blocks that tool-description poisoning wraps its orders in (`<IMPORTANT>…</IMPORTANT>`,
 * `<system>…</system>`); the same words are also XML elements (Maven's `<system>GitHub</system>`),
 * so the block must speak to or about the model.
 */
const TAG_OPEN = /<(important|system|sys|instructions?|admin|secret|hidden|system_prompt|override)>/g;
const TAG_WORDS = wordList(['<important>', '<system>', '<sys>', '<instruction', '<admin>', '<secret>', '<hidden>', '<system_prompt>', '<override>']);
const TAG_AIMED =
  /\b(?:the user|user's|instructions?|this tool|tools?|assistant|the model|ai|llm|ignore|disregard|supersed\w*|overrides?|system prompt|conversation|do not tell|don't tell|without telling|you (?:are|must|will|should))\b/;
/** Longest block read. */
const TAG_REACH = 1200;
/** Longest text in which MODEL_NAMED is looked for before the patterns that need it. */
const NAMED_CHECK_CHARS = 1024;
/** How far before a cue its `before` pattern looks: past the longest thing one matches. */
const BEFORE_REACH = 200;

/** The text before `index` that a `before` pattern reads; at the text's start it opens with a newline. */
function textBefore(lower: string, index: number): string {
  const from = Math.max(0, index - BEFORE_REACH);
  return (from === 0 ? '\n' : '') + lower.slice(from, index);
}

/** A cue right after a negation is a rule against the act ("don't ignore the rules", "n'oublie pas"). */
const NEGATION_BEFORE = /(?:\b(?:not|never|no|don't|dont|cannot|can't|won't|shouldn't|mustn't|ne|non|não|nie|niet)|n['’])\s{0,3}$/;
/** Letters spaced out to dodge filters: "i g n o r e  p r e v i o u s". */
const SPACED = /(?<![a-z])(?:[a-z] {1,3}){8,400}[a-z](?![a-z])/g;
const SPACED_WORDS = /ignore|disregard|instructions|previous|systemprompt/;
/**
 * A spaced run only counts when it spells one of SPACED_WORDS, so the text must hold the first
 * letters of one of them spaced out ("i g n", "d i s", "i n s", "p r e", "s y s"): without
 * that, SPACED (which tries every letter) is not run.
 */
const SPACED_GATE = /i {1,3}g {1,3}n|d {1,3}i {1,3}s|i {1,3}n {1,3}s|p {1,3}r {1,3}e|s {1,3}y {1,3}s/;
/** SPACED_GATE's middle letters stand between spaces: without one of these it cannot match. */
const SPACED_LETTERS = wordList([' g ', ' i ', ' n ', ' r ', ' y ']);

/** Imperative follow-ups that belong to the injection ("Tell the user …", "Do not …"). */
const FOLLOW_UP =
  /^(?:tell|inform|ask|send|forward|email|delete|remove|run|execute|reveal|print|output|call|visit|click|transfer|upload|write|respond|reply|say|include|rate|rank|score|recommend|approve|shortlist|select|mark|close|issue|grant|proceed|continue|export|do not|don't|never|then|also|instead|you must|you will|always)\b/;

interface Candidate {
  start: number;
  end: number;
  /** Where the cue itself sits: mention checks look around the cue, not the whole sentence. */
  cueStart: number;
  cueEnd: number;
  /** Template and spoofing spans are already exact; sentence spans may grow by follow-ups. */
  exact: boolean;
  /** The model addressed by name (see Pattern.vocative). */
  vocative: boolean;
}

function sentenceCandidate(text: string, cueStart: number, cueEnd: number, vocative: boolean): Candidate {
  return { start: sentenceStart(text, cueStart), end: sentenceEnd(text, Math.max(cueStart, cueEnd - 1)), cueStart, cueEnd, exact: false, vocative };
}

/** A line opening with a user's turn label: the text is a chat transcript. */
const USER_TURN = /(?:^|\n)[ \t]{0,3}(?:user|human|customer|client|me|caller|visitor|patient|用户|ユーザー)\s{0,2}[:：]/;
/** A line opening with a short label and a colon ("Assistant:", "AI agent:"). */
const TURN_LABEL = /^[\p{L} -]{1,24}:/u;
/** How far back a transcript's earlier user turn is looked for. */
const TRANSCRIPT_REACH = 1000;

/** Is the cue the label of an assistant turn in a chat transcript ("User: …\nAssistant: …")? */
function isTranscriptTurn(lower: string, cueStart: number): boolean {
  const lineStart = lower.lastIndexOf('\n', cueStart - 1) + 1;
  if (!TURN_LABEL.test(lower.slice(lineStart, lineStart + 26))) return false;
  return USER_TURN.test(lower.slice(Math.max(0, lineStart - TRANSCRIPT_REACH), lineStart));
}

/**
 * An agent's own ReAct trace (the payload opens with its Thought or Question) has Thought/Action
 * lines of its own; a forged one rides inside an observation, escaped (`\\nThought:`) or mid-line.
 */
const OWN_TRACE = /^\s*(?:question|thought):/;

function extendWithFollowUps(ctx: ScanContext, span: { start: number; end: number }): { start: number; end: number } {
  let { end } = span;
  for (let hops = 0; hops < 4; hops++) {
    let next = end;
    while (next < ctx.text.length && next - end < 8 && ctx.text[next] === ' ') next++;
    if (next >= ctx.text.length || next === end) break;
    if (!FOLLOW_UP.test(ctx.lower.slice(next, next + 24))) break;
    end = sentenceEnd(ctx.text, next);
  }
  return { start: span.start, end };
}

/** The cues of one pattern whose gates passed, as sentence candidates. */
function sentenceCues(ctx: ScanContext, p: ScannedPattern, out: Candidate[]): void {
  const { text, lower } = ctx;
  const { before, then } = p;
  for (const m of matchAll(lower, p.re)) {
    let end = m.index + m[0].length;
    if (before && !before.test(textBefore(lower, m.index))) continue;
    if (then) {
      then.lastIndex = end;
      const t = then.exec(lower);
      if (!t) continue;
      end += t[0].length;
    }
    const c = sentenceCandidate(text, m.index + Math.max(0, m[0].search(/[\p{L}[]/u)), end, p.vocative);
    if (p.negatable && NEGATION_BEFORE.test(lower.slice(Math.max(0, c.cueStart - 16), c.cueStart))) continue;
    if (p.requires && !p.requires.test(lower.slice(c.cueStart, c.end))) continue;
    out.push(c);
  }
}

export const detectPromptInjection: Detector = (ctx) => {
  const { text, lower } = ctx;
  const raw: Candidate[] = [];
  // Single tokens (ids, keys, numbers) hold no sentence: only the unspaced patterns can match.
  const spaced = /\s/.test(lower);
  // Whether the model is named anywhere: looked up once, for the first pattern that needs it. A
  // long text nearly always names one somewhere, so there the search would cost and save nothing.
  let named: boolean | undefined = lower.length > NAMED_CHECK_CHARS ? true : undefined;
  for (const p of SENTENCE_PATTERNS) {
    // The character checks first: native searches, cheaper than the word gates.
    if ((!spaced && !p.unspaced) || (p.chars !== undefined && !hasAnyChar(lower, p.chars))) continue;
    if (p.named && !(named ??= MODEL_NAMED.test(lower))) continue;
    if (!mentionsAny(ctx, p.gate) || (p.also !== undefined && !mentionsAny(ctx, p.also))) continue;
    sentenceCues(ctx, p, raw);
  }
  const templated = mentionsAny(ctx, TEMPLATE_WORDS);
  for (const m of templated ? matchAll(lower, TEMPLATE_OPEN) : []) {
    const start = m.index + m[0].search(/[<[#h]/);
    // A forged `<|eot_id|>` may open the match: the closing one is searched after the header.
    const header = m[0].endsWith('<|start_header_id|>');
    const closer = header ? HEADER_CLOSE : TEMPLATE_CLOSE;
    const from = header ? m.index + m[0].length : start + 1;
    closer.lastIndex = 0;
    const close = closer.exec(lower.slice(from, start + 800));
    const closeAt = close ? from + close.index : -1;
    const end = close ? (close[0] === '\n\n' ? closeAt : closeAt + close[0].length) : sentenceEnd(text, start + m[0].length);
    raw.push({ start, end, cueStart: start, cueEnd: start + m[0].length, exact: true, vocative: false });
  }
  for (const m of lower.includes('<') && mentionsAny(ctx, TAG_WORDS) ? matchAll(lower, TAG_OPEN) : []) {
    const from = m.index + m[0].length;
    const closeAt = lower.slice(from, from + TAG_REACH).indexOf(`</${m[1] as string}>`);
    const end = closeAt >= 0 ? from + closeAt : sentenceEnd(text, from);
    const body = text.slice(from, end);
    const start = from + (body.length - body.trimStart().length);
    if (TAG_AIMED.test(lower.slice(from, end))) raw.push({ start, end: start + body.trim().length, cueStart: m.index, cueEnd: from, exact: true, vocative: false });
  }
  const ownTrace = ctx.key === '' && ctx.before === '' && OWN_TRACE.test(lower);
  for (const m of mentionsAny(ctx, REACT_WORDS) ? matchAll(lower, REACT) : []) {
    if (ownTrace && !m[0].startsWith('\\n')) continue;
    const start = m.index + m[0].indexOf('t');
    const end = m.index + m[0].length;
    raw.push({ start, end, cueStart: start, cueEnd: end, exact: true, vocative: false });
  }
  for (const m of mentionsAny(ctx, SPACED_LETTERS) && SPACED_GATE.test(lower) ? matchAll(lower, SPACED) : []) {
    const end = m.index + m[0].length;
    if (SPACED_WORDS.test(m[0].replace(/ /g, ''))) raw.push({ start: m.index, end, cueStart: m.index, cueEnd: end, exact: true, vocative: false });
  }
  const spans: { start: number; end: number }[] = [];
  // Past a few hundred cues a string is an injection many times over: bound the per-cue work.
  for (const r of raw.length > MAX_CANDIDATES ? raw.sort((x, y) => x.start - y.start).slice(0, MAX_CANDIDATES) : raw) {
    if (r.end <= r.start || isMention(ctx, r.cueStart, r.cueEnd, undefined, !r.vocative) || isQuoted(text, r.cueStart, r.cueEnd)) continue;
    if (r.vocative && isTranscriptTurn(lower, r.cueStart)) continue;
    spans.push(r.exact ? r : extendWithFollowUps(ctx, r));
  }
  return joinAdjacent(text, spans).map(({ start, end }) => ({ type: 'PROMPT_INJECTION', start, end, confidence: 0.85 }));
};
