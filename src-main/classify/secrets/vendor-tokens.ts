import { matchAll, matchAllNearAnchors, textHas } from '../context';
import { word } from '../grams';
import { AWS_SAMPLE_ACCESS_KEY, isPlaceholder } from '../placeholders';
import type { Detector, Span } from '../types';
import type { FindingType } from '../../../src-shared/decision';

interface TokenRule {
  type: FindingType;
  /** Cheap substring gate checked before the regex runs. */
  gate: string;
  pattern: RegExp;
  /**
   * When set, every match holds `gate` at most `lead` characters after its start, so the pattern
   * is only tried at those starts (its leading look-behind otherwise makes it try every position).
   */
  lead?: number;
}

/** Prefix-determined tokens: the format alone identifies them (bounded lengths keep matching linear). */
const RULES: TokenRule[] = [
  { type: 'AWS_ACCESS_KEY', gate: 'IA', lead: 2, pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g },
  { type: 'GITHUB_TOKEN', gate: 'gh', lead: 0, pattern: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g },
  { type: 'GITHUB_TOKEN', gate: 'github_pat_', lead: 0, pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{82}(?![A-Za-z0-9_])/g },
  { type: 'GITLAB_TOKEN', gate: 'glpat-', lead: 0, pattern: /(?<![A-Za-z0-9_])glpat-[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])/g },
  { type: 'SLACK_TOKEN', gate: 'xox', lead: 0, pattern: /(?<![A-Za-z0-9])xox[abposr]-(?:[A-Za-z0-9]{1,40}-){1,4}[A-Za-z0-9]{6,64}(?![A-Za-z0-9-])/g },
  { type: 'SLACK_TOKEN', gate: 'hooks.slack.com', pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,12}\/[A-Za-z0-9]{16,40}/g },
  { type: 'STRIPE_KEY', gate: 'k_', lead: 1, pattern: /(?<![A-Za-z0-9_])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,247}(?![A-Za-z0-9])/g },
  { type: 'ANTHROPIC_KEY', gate: 'sk-ant-', lead: 0, pattern: /(?<![A-Za-z0-9_-])sk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{32,200}AA(?![A-Za-z0-9_-])/g },
];

/** Each rule with its gate compiled for the n-gram filter and its pattern in sticky form. */
const COMPILED = RULES.map((rule) => ({ rule, gate: word(rule.gate), sticky: new RegExp(rule.pattern.source, 'y') }));

/** OpenAI keys carry the base64 of "OpenAI" (T3BlbkFJ) in the middle. */
const OPENAI_GATE = word('T3BlbkFJ');
const OPENAI = /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{16,160}T3BlbkFJ[A-Za-z0-9_-]{16,160}(?![A-Za-z0-9_-])/g;

export const detectVendorTokens: Detector = (ctx) => {
  const { text } = ctx;
  const out: Span[] = [];
  for (const { rule, gate, sticky } of COMPILED) {
    if (!textHas(ctx, gate)) continue;
    const matches = rule.lead !== undefined ? matchAllNearAnchors(text, sticky, rule.gate, rule.lead) : matchAll(text, rule.pattern);
    for (const m of matches) {
      if (m[0] === AWS_SAMPLE_ACCESS_KEY || isPlaceholder(m[0])) continue;
      out.push({ type: rule.type, start: m.index, end: m.index + m[0].length, confidence: 0.98 });
    }
  }
  if (textHas(ctx, OPENAI_GATE)) {
    for (const m of matchAll(text, OPENAI)) out.push({ type: 'OPENAI_KEY', start: m.index, end: m.index + m[0].length, confidence: 0.98 });
  }
  return out;
};
