import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanContext } from '../../src-main/classify/context';
import { NUMERIC_DETECTORS, TEXT_DETECTORS } from '../../src-main/classify/detectors';
import { runDetectors } from '../../src-main/classify/scan';
import type { ScanContext, Span } from '../../src-main/classify/types';
import { parseFixtureLines } from './fixtures/markup';

/**
 * A detector is skipped on text shorter than its `minChars`: that must never lose a finding. The
 * gated run is compared with running every detector, and each gated detector is run on text just
 * under its minimum, on generated text and on pieces of the labelled fixtures cut around their
 * findings, under field names and JSON before that cue each kind of finding.
 */
const ungated = (ctx: ScanContext): Span[] => [
  ...TEXT_DETECTORS.flatMap((d) => d.detect(ctx)),
  ...(/\d/.test(ctx.text) ? NUMERIC_DETECTORS.flatMap((d) => d.detect(ctx)) : []),
];

const dir = 'test/classify/fixtures';
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) => parseFixtureLines(readFileSync(`${dir}/${f}`, 'utf8')));
/** Each labelled finding's text, and the text of its line. */
const findings = fixtures.flatMap((p) => p.spans.map((s) => p.text.slice(s.start, s.end)));
const lines = fixtures.flatMap((p) => p.spans.map((s) => p.text.slice(p.text.lastIndexOf('\n', s.start) + 1, s.end + 8)));

/** Field names that type a short value, in their normalised form. */
const KEYS = [
  '', 'cvv', 'pin', 'ssn', 'swift', 'bic', 'routing', 'routingnumber', 'account', 'accountnumber', 'iban', 'npi', 'mrn', 'dob', 'dateofbirth',
  'passport', 'number', 'documentnumber', 'password', 'pwd', 'psk', 'token', 'secret', 'apikey', 'awssecretaccesskey', 'phone', 'mobile',
  'address', 'street', 'dx', 'icd10', 'host', 'url', 'email', 'ip', 'card', 'cardnumber', 'query', 'path', 'filename', 'value', 'code',
];
/** Text before the value that cues it (lowercase, as ScanContext.before is). */
const BEFORES = [
  '', 'routing number: ', 'account: ', 'swift/bic ', '"type": "passport", ', 'ssn ', 'dob: ', 'npi ', 'mrn ', 'phone: ', 'password: ',
  'aws_secret_access_key=', 'diagnosis: ', 'cvv: ', 'pin: ', '"document_type": "passport", "number": ', '| iban | account |\n',
];
const ALPHABET = [...'0123456789abcdefABCDEFXYZxyz', ' ', '-', '.', '/', ':', '@', '+', '(', ')', '|', '*', '~', ';', "'", '"', '=', '\n', '_', '#', 'é', '号', '路'];

const pieceOf = (s: string, from: number, length: number): string => s.slice(from % Math.max(1, s.length), (from % Math.max(1, s.length)) + length);

/** Generated text of at most `max` characters: random characters, or a piece of a finding or its line. */
const textUpTo = (max: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.array(fc.constantFrom(...ALPHABET), { minLength: 3, maxLength: max }).map((cs) => cs.join('')),
    fc.tuple(fc.constantFrom(...findings), fc.nat(), fc.integer({ min: 3, max })).map(([s, from, n]) => pieceOf(s, from, n)),
    fc.tuple(fc.constantFrom(...lines), fc.nat(), fc.integer({ min: 3, max })).map(([s, from, n]) => pieceOf(s, from, n)),
    fc.tuple(fc.constantFrom(...findings), fc.integer({ min: 0, max })).map(([s, cut]) => s.slice(0, max - Math.min(cut, max - 3))),
  );

describe('detector length gates', () => {
  it('the fixtures hold findings of every kind to cut pieces from', () => {
    expect(findings.length).toBeGreaterThan(500);
  });

  it('a gated detector finds nothing in text shorter than its minimum, whatever the field name and the text before', () => {
    for (const { detect, minChars } of [...TEXT_DETECTORS, ...NUMERIC_DETECTORS]) {
      if (minChars <= 3) continue;
      fc.assert(
        fc.property(textUpTo(minChars - 1), fc.constantFrom(...KEYS), fc.constantFrom(...BEFORES), (text, key, before) => {
          if (text.length >= minChars) return;
          expect(detect(scanContext(text, key, before))).toEqual([]);
        }),
        { numRuns: 1500 },
      );
    }
  });

  it('each labelled finding shorter than a minimum is not of that detector (run on the finding alone under every cue)', () => {
    for (const f of findings) {
      for (const { detect, minChars } of [...TEXT_DETECTORS, ...NUMERIC_DETECTORS]) {
        if (f.length >= minChars) continue;
        for (const key of KEYS) expect(detect(scanContext(f, key, ''))).toEqual([]);
      }
    }
  });

  it('the gated run finds what running every detector finds, on short and medium strings', () => {
    fc.assert(
      fc.property(fc.oneof(textUpTo(24), textUpTo(120)), fc.constantFrom(...KEYS), fc.constantFrom(...BEFORES), (text, key, before) => {
        const ctx = scanContext(text, key, before);
        expect(runDetectors(ctx)).toEqual(ungated(ctx));
      }),
      { numRuns: 4000 },
    );
  });
});
