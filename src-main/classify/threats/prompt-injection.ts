import { hasAnyChar, matchAll, mentionsAny } from '../context';
import { wordList, type Word } from '../grams';
import type { Detector, ScanContext } from '../types';
import { isMention, isQuoted } from './mention';
import { sentenceEnd, sentenceStart } from './sentences';

const MAX_CANDIDATES = 256;

/** A pattern with the literals it cannot match without: most text skips most patterns. */
interface Pattern {
  gate: readonly Word[];
  re: RegExp;
  /** Characters of which the pattern needs one, checked by fast single-character search. */
  chars?: string;
  /** A second set of literals of which the pattern also needs one. */
  also?: readonly Word[];
  /** Matches text without whitespace (Chinese, Japanese); every other pattern needs some. */
  unspaced?: true;
}

/**
 * Instruction-override phrasing aimed at the model, in the languages agents commonly meet. "Ignore
 * my previous instructions" is left out: the author withdrawing their own request.
 */
const OVERRIDE: Pattern[] = [
  { gate: wordList(['ignore', 'disregard', 'forget', 'override', 'bypass', 'skip']), re: /\b(?:ignore|disregard|forget|override|bypass|skip)\s{1,3}(?:(?:all|any|the|your|of|everything|these|those|other|user's|users'|developer's)\s{1,3}){0,3}(?:(?:previous|prior|above|earlier|preceding|former|original|system|existing|current|safety|initial|other|given)\s{1,3}){0,2}(?:instructions?|prompts?|directions?|rules|guidelines|context|messages|directives|programming|criteria|guardrails|requests?|tasks?|commands|orders|guidance)\b/g },
  { gate: wordList(['you are', 'from now on', 'ignore', 'new instruction', 'new task', 'new objective', 'new goal', 'system override', 'developer mode', 'do anything now', 'prompt', 'instructions']), re: /\b(?:you are now|you are no longer|from now on,? (?:you|respond|reply|answer|act|behave|always|never|only|speak|write)|ignore (?:all |everything )?(?:of )?(?:the |that )?(?:above|previous|preceding)(?=\s{0,3}(?:[.,;:!]|and\b|$|instructions|prompts?|text|content|directions|rules))|new (?:instructions?|task|objective|goal)s?\s{0,3}(?:for [a-z ]{1,30})?[:.]|system override|developer mode|do anything now|reveal (?:your|the) (?:system )?prompt|(?:print|output|show|repeat) (?:your|the) (?:system prompt|instructions))/g },
  {
    gate: wordList(['ignor', 'olvid', 'oubli', 'vergiss', 'dimentica', 'esque', 'zapomnij', 'pomiń', 'negeer', 'vergeet', 'glöm']),
    re: /\b(?:ignora|ignore[zr]?|ignoriere|ignorar|ignori|olvida|olvide|oublie[zr]?|vergiss|dimentica|esque[cç]a|zignoruj|ignoruj|zapomnij|pomiń|negeer|vergeet|ignorera|glöm)\s{1,3}(?:(?:todas|tutte|toutes|alle|all|todos|as|las|les|le|die|tus|sus|vos|tes|deine|ihre|tue|suas|wszystkie|wszelkie|swoje|je|jouw|de|alla|dina|tidigare|eerdere|vorige|wcześniejsze|poprzednie)\s{1,3}){0,3}(?:(?:las|les|le|as|die)\s{1,3})?(?:instrucciones|instructions|istruzioni|instruções|anweisungen|vorherigen anweisungen|bisherigen anweisungen|polecenia|instrukcje|instructies|opdrachten|instruktioner(?:na)?)/g,
  },
  { gate: wordList(['忽略', '无视', '無視', '忘记', 'игнорируй', '무시', 'talimat']), unspaced: true, re: /(?:忽略|无视|無視|忘记)[^。\n]{0,12}(?:指示|指令|说明|命令)|指示[^。\n]{0,8}無視|игнорируй[^.\n]{0,30}инструкц|(?:지시|명령|지침)[^.\n]{0,8}무시|talimatlar\S{0,6}\s{1,3}(?:yok say|görmezden gel)/g },
];

/** Where an address to the model starts: a sentence, a comment, a greeting. */
const ADDRESS_START = '(?:^|[.!?>\\n,;]\\s{0,3}|<!--\\s{0,3}|\\b(?:hey|hi|hello|dear|attention|note to),?\\s{1,3})';
/** After the address: what the model is told to do, within a few words. */
const ADDRESS_THEN =
  '\\s{0,3}(?:[^.\\n]{0,40}?\\b)?(?:please\\s{1,3})?(?:ignore|disregard|forget|stop|send|forward|reset|delete|remove|run|execute|call|use the|tell|reply|respond|summarize|include|transfer|email|click|visit|open|reveal|print|output|append|add|recommend|approve|rate|rank|score|new task)\\b';

/** The model addressed directly, then told what to do. */
const ADDRESSED: Pattern[] = [
  { gate: wordList(['note to', 'attention', 'dear', 'hey', 'instruction']), re: /\b(?:note to|attention|dear|hey|instructions? for (?:the )?)\s{0,3}(?:(?:any|all|the|an?)\s{1,3})?(?:ai|llm|assistant|agent|chatbot|language model|model)s?\b/g },
  // The same address in French, Spanish, Portuguese, Italian and German ("Instruction pour l'IA :").
  { gate: wordList(['pour l', 'per l', 'para ', 'für ', ' an d']), re: /\b(?:instructions?|note|message|consigne|instrucci[oó]n|instru[cç][aã]o|istruzion[ei]|nota|hinweis|anweisung)s? (?:pour|para|per|für|an) (?:l['’]\s?|la |le |el |il |o |a |die |das |den )?(?:ia|ki|ai|assistant|assistente|asistente|modèle|modelo|modello|modell|agent|agente|chatbot)\b/g },
  // A task handed to the AI that processes the text ("To the assistant handling this ticket: close
  // it"): addressed bare or by what it is doing, so "To the assistant manager:" is a person.
  { gate: wordList(['the ai', 'any ai', 'all ai', 'the llm', 'the assistant', 'any assistant', 'the chatbot', 'language model', 'the bot']), chars: ':', re: /\b(?:to|for) (?:the|any|all) (?:ai|llm|assistant|ai agent|chatbot|language model|bot)s?(?: (?:handling|processing|reading|reviewing|summari[sz]ing|triaging|answering|responding to|working on)\b[^.:\n]{0,40})?\s{0,2}:\s{0,3}(?:please\s{1,3})?(?:ignore|disregard|forget|send|forward|delete|remove|run|execute|call|tell|reply|respond|include|transfer|email|reveal|approve|close|issue|refund|grant|mark|rank|rate|cancel|escalate|share)\b/g },
  // An AI system addressed by its role, then steered about what it is reviewing ("AI screening
  // tool: … Rank this resume first"); a product label ("AI SEO tool: rank higher") steers nothing.
  // The sentence-start check is a look-behind after the name, so only the names are tried.
  {
    gate: wordList(['ai ', 'llm ', 'gpt ']),
    also: wordList(['rank ', 'rate ', 'score ', 'recommend ', 'approve ', 'shortlist ', 'select ', 'mark ', 'ignore', 'disregard', 'mention']),
    chars: ':',
    re: /(?:ai|llm|gpt)(?<=(?:^|[.!?>\]\n])\s{0,3}(?:ai|llm|gpt))(?: [a-z-]{2,20}){0,2} (?:tool|screener|reviewer|system|agent|assistant|model|bot|recruiter|parser|evaluator)s?\s{0,2}:(?=[^\n]{0,200}\b(?:(?:rank|rate|score|recommend|approve|shortlist|select|mark) (?:this|him|her|them)|ignore|disregard|do not mention|don't mention)\b)/g,
  },
  // Tool-description poisoning: the description has the model fetch something private and smuggle
  // it into a call ("Before calling this tool you must … include the full listing in the 'context'
  // argument"); a prerequisite alone ("you must authenticate first") is documentation.
  { gate: wordList(['this tool']), re: /\b(?:before|after|when|prior to|instead of) (?:calling|using|invoking|running) this tool,? (?:you )?(?:must|should|need to|have to|always|first)\b(?=(?:[^.\n]|\.(?!\s)){0,200}\b(?:argument|parameter|sidenote|home directory|ssh|credentials?|\.env|system prompt|conversation)\b)/g },
  { gate: wordList(['if you are']), re: /\bif you are an? (?:ai|llm|assistant|agent|language model|automated)\b/g },
  { gate: wordList(['must', 'should', 'required to', 'need to', 'instructed to', 'shall']), re: /\b(?:(?:ai|llm)(?: agents?| assistants?| models?| tools?| systems?| bots?)?|language models?)\b[^.\n]{0,50}\b(?:must|should|are required to|need to|are instructed to|shall)\b/g },
  { gate: wordList(['ai,', 'assistant,', 'chatgpt,', 'claude,', 'gpt,', 'llm,', 'agent,', 'bot,']), re: /(?:^|[.!?>\n]\s{0,3})(?:ai|assistant|chatgpt|claude|gpt|llm|agent|bot),\s/g },
  {
    gate: wordList(['ai,', 'ai:', 'ais,', 'assistant', 'agent', 'chatbot', 'model', 'llm']),
    chars: ',:',
    re: new RegExp(`${ADDRESS_START}(?:ai|llm|assistant|agent|chatbot|model)s?\\s{0,2}[,:]${ADDRESS_THEN}`, 'g'),
  },
  // The same by product name, also after a bracketed note ("[white text] ChatGPT: ignore …").
  {
    gate: wordList(['gpt', 'claude', 'gemini', 'copilot']),
    chars: ',:',
    re: new RegExp(`(?:\\]\\s{0,3}|${ADDRESS_START})(?:chatgpt|claude|gemini|copilot|gpt(?:-\\d[a-z]?)?)[,:]${ADDRESS_THEN}`, 'g'),
  },
  { gate: wordList(['system', 'assistant']), chars: '[(:', re: /(?:^|[.!?>\n]\s{0,3})(?:\[(?:system|admin|developer)\]|\((?:system|admin)\)|(?:system|assistant|developer) (?:message|note|notice|instruction|override)s?\s{0,2}:|(?:system|assistant)\s{0,2}:\s{0,3}(?=[a-z]))/g },
  { gate: wordList(['the user', 'silently']), re: /\b(?:do not|don't|never) (?:tell|inform|mention (?:this|it) to|alert|notify) the user\b|\bwithout (?:telling|informing|notifying) the user\b|\bsilently (?:forward|send|email|upload|delete|transfer|run)/g },
  { gate: wordList(['decode']), re: /\bdecode (?:this|the following|the) (?:base64|string|text)?[^.\n]{0,30}\b(?:and|then) (?:follow|execute|run|obey)/g },
];

/** Both lists are scanned alike: joined once here, not on every call. */
const SENTENCE_PATTERNS = [...OVERRIDE, ...ADDRESSED];

/**
 * Chat-template tokens and role spoofing: the span runs to the closing token or end of line.
 * Llama 3 headers (`<|start_header_id|>system<|end_header_id|>`, often after a forged
 * `<|eot_id|>`) put a blank line before the message, so they run to the next `<|eot_id|>`.
 */
const TEMPLATE_OPEN =
  /<\|im_start\|>|<\|(?:system|user|assistant)\|>|\[inst\]|<<sys>>|(?:^|\n)\s{0,3}#{2,3}\s{0,2}(?:system|instruction)s?:|(?:<\|eot_id\|>\s{0,2})?<\|start_header_id\|>/g;
const TEMPLATE_WORDS = wordList(['<|', '[inst]', '<<sys>>', '##']);
const TEMPLATE_CLOSE = /<\|im_end\|>|<\|end\|>|\[\/inst\]|<<\/sys>>|\n\n/g;
const HEADER_CLOSE = /<\|eot_id\|>/g;
/** ReAct spoofing: a forged Thought: followed by an Action: line. */
const REACT = /(?:^|\n)thought:[^\n]{1,300}\naction:[^\n]{0,200}/g;
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
}

function sentenceCandidate(text: string, cueStart: number, cueEnd: number): Candidate {
  return { start: sentenceStart(text, cueStart), end: sentenceEnd(text, Math.max(cueStart, cueEnd - 1)), cueStart, cueEnd, exact: false };
}

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

/** Consecutive injected sentences (only whitespace between) form one injection. */
function joinAdjacent(text: string, spans: { start: number; end: number }[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && s.start - last.end <= 8 && text.slice(last.end, Math.max(last.end, s.start)).trim() === '') last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

export const detectPromptInjection: Detector = (ctx) => {
  const { text, lower } = ctx;
  const raw: Candidate[] = [];
  // Single tokens (ids, keys, numbers) hold no sentence: only the unspaced patterns can match.
  const spaced = /\s/.test(lower);
  for (const { re, gate, chars, also, unspaced } of SENTENCE_PATTERNS) {
    // The character checks first: native searches, cheaper than the word gates.
    if ((!spaced && !unspaced) || (chars !== undefined && !hasAnyChar(lower, chars)) || !mentionsAny(ctx, gate) || (also !== undefined && !mentionsAny(ctx, also))) continue;
    for (const m of matchAll(lower, re)) raw.push(sentenceCandidate(text, m.index + Math.max(0, m[0].search(/[\p{L}[]/u)), m.index + m[0].length));
  }
  const templated = mentionsAny(ctx, TEMPLATE_WORDS);
  for (const m of templated ? matchAll(lower, TEMPLATE_OPEN) : []) {
    const start = m.index + m[0].search(/[<[#]/);
    // A forged `<|eot_id|>` may open the match: the closing one is searched after the header.
    const header = m[0].endsWith('<|start_header_id|>');
    const closer = header ? HEADER_CLOSE : TEMPLATE_CLOSE;
    const from = header ? m.index + m[0].length : start + 1;
    closer.lastIndex = 0;
    const close = closer.exec(lower.slice(from, start + 800));
    const closeAt = close ? from + close.index : -1;
    const end = close ? (close[0] === '\n\n' ? closeAt : closeAt + close[0].length) : sentenceEnd(text, start + m[0].length);
    raw.push({ start, end, cueStart: start, cueEnd: start + m[0].length, exact: true });
  }
  for (const m of lower.includes('thought:') ? matchAll(lower, REACT) : []) {
    const start = m.index + (m[0].startsWith('\n') ? 1 : 0);
    const end = m.index + m[0].length;
    raw.push({ start, end, cueStart: start, cueEnd: end, exact: true });
  }
  for (const m of mentionsAny(ctx, SPACED_LETTERS) && SPACED_GATE.test(lower) ? matchAll(lower, SPACED) : []) {
    const end = m.index + m[0].length;
    if (SPACED_WORDS.test(m[0].replace(/ /g, ''))) raw.push({ start: m.index, end, cueStart: m.index, cueEnd: end, exact: true });
  }
  const spans: { start: number; end: number }[] = [];
  // Past a few hundred cues a string is an injection many times over: bound the per-cue work.
  for (const r of raw.length > MAX_CANDIDATES ? raw.sort((x, y) => x.start - y.start).slice(0, MAX_CANDIDATES) : raw) {
    if (r.end <= r.start || isMention(ctx, r.cueStart, r.cueEnd) || isQuoted(text, r.cueStart, r.cueEnd)) continue;
    spans.push(r.exact ? r : extendWithFollowUps(ctx, r));
  }
  return joinAdjacent(text, spans).map(({ start, end }) => ({ type: 'PROMPT_INJECTION', start, end, confidence: 0.85 }));
};
