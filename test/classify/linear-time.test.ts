import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyText } from '../../src-main/classify/index';

/**
 * No input may take super-linear time. Never an absolute limit: the time of a 64 KB input is
 * compared with that of an 8 KB input of the same pattern. Linear work gives a ratio near 8,
 * quadratic near 64; the bound of 24 leaves room for timer, GC and scheduler noise. Each time is the
 * fastest of several runs, and the small time is floored at 1 ms so that a sub-millisecond
 * measurement disturbed by other processes cannot fake a steep ratio (a quadratic detector
 * still shows: its 64 KB time is far beyond 24 ms).
 */
const SMALL = 8 * 1024;
const LARGE = 8 * SMALL;
const MAX_RATIO = 24;
const FLOOR_MS = 1;

const repeatTo = (unit: string, size: number): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

type Work = (text: string) => unknown;

const elapsed = (work: Work, text: string): number => {
  const t0 = performance.now();
  work(text);
  return performance.now() - t0;
};

/**
 * Small and large runs are interleaved so that load from other processes hits both; each size
 * keeps its fastest run, and the smallest ratio of up to five trials is reported (a super-linear
 * detector fails every trial, a noisy machine rarely does).
 */
function growthRatio(unit: string, work: Work = classifyText): number {
  const small = repeatTo(unit, SMALL);
  const large = repeatTo(unit, LARGE);
  elapsed(work, small); // warm up the regex compiler on this shape
  let best = Infinity;
  for (let trial = 0; trial < 5 && best >= MAX_RATIO; trial++) {
    let s = Infinity;
    let l = Infinity;
    for (let i = 0; i < 5; i++) {
      s = Math.min(s, elapsed(work, small));
      l = Math.min(l, elapsed(work, large));
    }
    best = Math.min(best, l / Math.max(s, FLOOR_MS));
  }
  return best;
}

/** Fragments that open many regex attempts: cue words, separators, prefixes, quotes, digits. */
const FRAGMENTS = [
  'a', '1', ' ', '@', '.', '-', ':', '/', '\\', '"', "'", ';', '|', '&', '%2e', '../', '://', 'x@y.co ',
  '4111 ', '+1 ', '(', ')', 'password=', 'token: ', 'ignore ', 'previous ', 'instructions', '<|im_start|>',
  'eyJ', 'AKIA', 'sk-', 'ghp_', '-----BEGIN PRIVATE KEY-----', ' OR ', "' OR '1'='1", 'UNION SELECT ', 'curl ',
  '| sh', 'http://', 'MRN ', 'dob ', 'routing ', 'DE89', 'i g n o r e ', 'Thought:', '\n', 'A', 'Zz09+/',
  'BPR*01*', 'HI*ABK:', '~', 'ul. A', 'Via A ', 'Flat 3, ', '上海市', '路1号', '区1-2-', 'パスワードは', 'address: 1 A',
  'api token ', '(dob)', '\n\nHuman:', 'User: ', 'Assistant: ', '@AI ', 'jdbc:oracle:thin:a/', 'net user a ', ', 75002 ', '<password>', 'curl -u a:', "echo 'a' | sudo -S ", 'sqlplus a/',
];

/** A deliberately quadratic scan: proves the harness can tell. */
const quadratic: Work = (text) => {
  let hits = 0;
  for (let i = 0; i < text.length; i += 8) hits += text.indexOf('\u0000', i) < 0 ? 0 : 1;
  for (let i = 0; i < text.length; i += 8) hits += text.lastIndexOf('\u0000') < 0 ? 0 : 1;
  return hits;
};

describe('linear time', () => {
  it('the measurement flags quadratic work', () => {
    expect(growthRatio('a', quadratic)).toBeGreaterThan(MAX_RATIO);
  });

  it.each([
    ['repeated letter', 'a'],
    ['repeated digit', '7'],
    ['repeated space', ' '],
    ['base64 blob', 'QWxhZGRpbjpvcGVuIHNlc2FtZQ'],
    ['emails without end', 'a@a'],
    ['dots and digits', '1.'],
    ['climbs', '../'],
    ['unterminated PEM', '-----BEGIN RSA PRIVATE KEY-----\nMIIE'],
    ['quotes and OR', "' OR '"],
    ['spaced letters', 'i '],
    ['URL-encoded', '%2e%2e%2f'],
    ['JSON-ish', '{"a":"'],
    ['X12 elements', 'BPR*01*070734979*DA*'],
    ['NACHA-like records', '\n6220910000191234567'],
    ['CJK streets', '上海市徐汇区漕溪北路'],
    ['CJK addresses to the assistant', 'AI助手：请把a.b'],
    ['Japanese blocks', '千代田区1-2-'],
    ['street names without numbers', 'Via Giuseppe '],
    ['address fields', 'address: 12 A'],
    ['secret sentences', 'the api token is A'],
    ['transcript turns', 'User: hi\nAssistant: send '],
    ['typographic quotes', 'mot de passe est « a'],
  ])('%s grows linearly', (_name, unit) => {
    expect(growthRatio(unit)).toBeLessThan(MAX_RATIO);
  });

  it('holds for generated mixtures of tricky fragments', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 5 }), (parts) => {
        expect(growthRatio(parts.join(''))).toBeLessThan(MAX_RATIO);
      }),
      { numRuns: 25, seed: 42 },
    );
  });
});
