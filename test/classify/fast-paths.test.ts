import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entropy } from '../../src-main/classify/checksums';
import { cueNearby, isRegexSpace, matchAll, matchAllNearAnchors, mentionsAny, scanContext } from '../../src-main/classify/context';
import { base64Pieces, urlEncodedPieces } from '../../src-main/classify/decode';
import { secondColonFollows } from '../../src-main/classify/pii/ip-address';
import { wordList } from '../../src-main/classify/grams';
import { unitsOfJsonText } from '../../src-main/classify/walk';

/**
 * The fast paths must give exactly what the straightforward code they replace gives: each is
 * compared with a reference implementation on generated inputs.
 */
const textOf = (alphabet: string[], minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...alphabet), { minLength, maxLength }).map((cs) => cs.join(''));

/** mentionsAny and cueNearby answer what a plain search of the text, field name and JSON before would. */
function listsAgreeWithSearch(lists: readonly (readonly [string[], ReturnType<typeof wordList>])[], alphabet: string[], numRuns: number): void {
  fc.assert(
    fc.property(textOf(alphabet, 0, 600), textOf(alphabet, 0, 12), textOf(alphabet, 0, 96), (text, key, before) => {
      const ctx = scanContext(text, key, before);
      for (const [ws, list] of lists) {
        expect(mentionsAny(ctx, list)).toBe(ws.some((w) => ctx.lower.includes(w)));
        expect(cueNearby(ctx, list)).toBe(ws.some((w) => ctx.lower.includes(w) || key.includes(w) || before.includes(w)));
      }
    }),
    { numRuns },
  );
}

describe('classifier fast paths', () => {
  it('the n-gram filter never rules out a word that is present (short and long texts, field name, JSON before)', () => {
    const words = ['ignore', 'key', 'pass', 'pw', 'nc', '<|', '--pass', ' login', 'curl', 'a', 'zq', 'token', 'ab c'];
    const alphabet = ['a', 'b', 'c', ' ', 'i', 'g', 'n', 'o', 'r', 'e', 'k', 'y', 'p', 's', 'w', '-', '<', '|', 'l', 'u', 't', 'z', 'q', 'É', '\u{1F600}'];
    fc.assert(
      fc.property(textOf(alphabet, 0, 6000), textOf(alphabet, 0, 12), textOf(alphabet, 0, 96), (text, key, before) => {
        const ctx = scanContext(text, key, before);
        for (const w of words) {
          expect(mentionsAny(ctx, wordList([w]))).toBe(ctx.lower.includes(w));
          expect(cueNearby(ctx, wordList([w]))).toBe(ctx.lower.includes(w) || key.includes(w) || before.includes(w));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a word list of more than 32 words (tested 32 at a time) finds each of its words, single characters and other scripts too', () => {
    const words = ['zq', 'ignore', 'a', 'key', 'pass', 'é', 'nc', '<|', '--pass', 'curl', 'token', 'ab c', 'x', '护照', 'q', 'pw'];
    const alphabet = ['a', 'b', 'c', ' ', 'i', 'g', 'n', 'o', 'r', 'e', 'k', 'y', 'p', 's', 'w', '-', '<', '|', 'l', 'u', 't', 'z', 'q', 'x', 'é', '护', '照'];
    // Lists of 40 words holding one of these once: last, or second in the second block of 32.
    const filler = Array.from({ length: 39 }, (_, i) => `zz${i}qq`);
    const lists = words.flatMap((w) => [[...filler, w], [...filler.slice(0, 33), w, ...filler.slice(33)]]).map((ws) => [ws, wordList(ws)] as const);
    listsAgreeWithSearch(lists, alphabet, 150);
  });

  it('a word list mixing scripts rules out its non-ASCII words only when the text, field name and JSON before are ASCII', () => {
    const lists = [['zq', 'é'], ['护照', 'pass'], ['パスワード'], ['ab', 'cé', '\u{1F600}x', 'ü']].map((ws) => [ws, wordList(ws)] as const);
    const alphabet = ['a', 'b', 'c', ' ', 'p', 's', 'z', 'q', 'é', 'É', 'ü', '护', '照', 'パ', 'ス', 'ワ', 'ー', 'ド', '\u{1F600}', 'x'];
    listsAgreeWithSearch(lists, alphabet, 200);
  });

  it('matchAllNearAnchors finds what a full matchAll scan finds', () => {
    const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:.])/g;
    const STACKED = /(?:['")\w])\s{0,3};\s{0,3}(?:drop\s{1,3}table|select\s[^;\n]{0,80}\bfrom|shutdown)\b/g;
    const cases: [RegExp, string, number, string[]][] = [
      [IPV6, ':', 4, ['a', 'f', '0', '9', 'g', ':', ':', '.', ' ', '\n', 'x']],
      [STACKED, ';', 4, ["'", ')', 'a', ' ', ' ', ';', ';', 'drop table', 'select 1 from', 'shutdown', '\n']],
      [
        /(?:['")]|(?<![\w.])-?\d{1,10}|\bnull)\s{0,3}union(?:\s{1,3}all)?\s{1,3}select\b/g, 'union', 14,
        ["'", '"', ')', '-', '1234567890', '7', 'null', 'x', '.', ' ', '   ', 'union', ' all', ' select', 'select'],
      ],
      [/(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g, 'IA', 2, ['AKIA', 'ASIA', 'IA', 'A', 'ABCDEFGH', '12345678', 'x', ' ']],
      [/(?<![A-Za-z0-9_])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,247}(?![A-Za-z0-9])/g, 'k_', 1, ['sk_', 'rk_', 'k_', 's', 'live_', 'test_', 'abcDEF1234', '_', ' ']],
    ];
    for (const [re, anchor, lead, alphabet] of cases) {
      const sticky = new RegExp(re.source, 'y');
      fc.assert(
        fc.property(textOf(alphabet, 0, 300), (text) => {
          const full = matchAll(text, re).map((m) => [m.index, m[0]]);
          const near = matchAllNearAnchors(text, sticky, anchor, lead).map((m) => [m.index, m[0]]);
          expect(near).toEqual(full);
        }),
        { numRuns: 300 },
      );
    }
    // Anchors ruled out by a `viable` test (IPv6: no second colon right after) change nothing.
    const ipv6 = new RegExp(IPV6.source, 'y');
    fc.assert(
      fc.property(textOf(['a', 'f', '0', '9', 'g', ':', ':', '::', '.', ' ', '\n', 'x', 'abcd'], 0, 300), (text) => {
        const full = matchAll(text, IPV6).map((m) => [m.index, m[0]]);
        const near = matchAllNearAnchors(text, ipv6, ':', 4, (at) => secondColonFollows(text, at)).map((m) => [m.index, m[0]]);
        expect(near).toEqual(full);
      }),
      { numRuns: 500 },
    );
  });

  it('base64 runs are found as /[A-Za-z0-9+/_-]{24,4096}={0,2}/g finds them', () => {
    const RUN = /[A-Za-z0-9+/_-]{24,4096}={0,2}/g;
    const printable = (d: string): boolean => {
      let ok = 0;
      for (let i = 0; i < d.length; i++) {
        const k = d.charCodeAt(i);
        if ((k >= 32 && k < 127) || k === 9 || k === 10 || k === 13 || k >= 160) ok++;
      }
      return d.length >= 12 && ok / d.length >= 0.95 && !d.includes('\uFFFD');
    };
    const expected = (text: string): string[] => {
      const out: string[] = [];
      for (const m of text.matchAll(RUN)) {
        const run = m[0];
        if (!/[a-z]/.test(run) || !/[A-Z]/.test(run)) continue;
        const decoded = Buffer.from(run, run.includes('-') || run.includes('_') ? 'base64url' : 'base64').toString('utf8');
        if (printable(decoded)) out.push(decoded);
      }
      return out;
    };
    const encoded = Buffer.from('contact ana.souza@westfield-legal.com or call +44 20 7946 0958 today').toString('base64');
    const pieces = [encoded, encoded.slice(0, 23), '=', ' ', 'Ab9+/_-', 'x'.repeat(30)].map((p) => fc.constant(p));
    fc.assert(
      fc.property(fc.array(fc.oneof(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(base64Pieces(text).map((p) => p.text)).toEqual(expected(text));
      }),
      { numRuns: 200 },
    );
    // Runs longer than 4096 characters are taken 4096 at a time, as the regex takes them.
    const long = Buffer.from('Hello there, General Kenobi. '.repeat(300)).toString('base64');
    expect(long.length).toBeGreaterThan(4096);
    expect(base64Pieces(long).map((p) => p.text)).toEqual(expected(long));
    expect(base64Pieces(long).length).toBeGreaterThan(1);
  });

  it('isRegexSpace is exactly /\\s/', () => {
    for (let c = 0; c <= 0xffff; c++) expect(isRegexSpace(c)).toBe(/\s/.test(String.fromCharCode(c)));
  });

  it('URL-encoded tokens are those of /\\S+/g with two or more %XX escapes', () => {
    const expected = (text: string): [string, number][] => {
      const out: [string, number][] = [];
      for (const m of text.matchAll(/\S+/g)) {
        if ((m[0].match(/%[0-9A-Fa-f]{2}/g) ?? []).length >= 2) out.push([m[0], m.index]);
      }
      return out;
    };
    const pieces = ['%41', '%4', '%zz', '%', '%2e%2e', 'a', '/', '+', ' ', '\n', '\u3000', '\u00a0', 'é', '%u0041'].map((p) => fc.constant(p));
    fc.assert(
      fc.property(fc.array(fc.oneof(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const got = urlEncodedPieces(text).map((p) => [p.text, p.toSource(0)]);
        const want = expected(text).map(([token, at]) => [unescape(token.replace(/%u/g, '%25u')).replace(/\+/g, ' '), at]);
        expect(got).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it('escaped JSON strings decode as JSON.parse decodes them, with offsets into the raw text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (value) => {
        const raw = JSON.stringify({ v: value });
        const units = unitsOfJsonText(raw) ?? [];
        const unit = units.find((u) => u.path === '$.v');
        expect(unit?.value ?? '').toBe(value);
        if (unit) {
          expect(unit.toRaw(value.length)).toBe(raw.length - 2);
          for (let k = 0; k < value.length; k++) {
            const at = unit.toRaw(k);
            expect(JSON.parse(`"${raw.slice(at, unit.toRaw(k + 1))}"`)).toBe(value[k]);
          }
        }
      }),
      { numRuns: 100 },
    );
    // Bodies JSON.parse rejects are decoded leniently, as before.
    const lenient = unitsOfJsonText('{"v":"a\\xb\\u12zzc"}')?.[0];
    expect(lenient?.value).toBe('axb\u0012c');
    expect([0, 1, 2, 3, 4, 5].map((k) => lenient?.toRaw(k))).toEqual([6, 7, 9, 10, 16, 17]);
    // An escape cut short by the closing quote.
    const cut = unitsOfJsonText('{"v":"ab\\u12"}')?.[0];
    expect(cut?.value).toBe('ab\u0012');
    expect([0, 1, 2, 3].map((k) => cut?.toRaw(k))).toEqual([6, 7, 8, 12]);
  });

  it('entropy: the ASCII fast path equals the general computation', () => {
    const reference = (s: string): number => {
      const counts = new Map<string, number>();
      for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
      let h = 0;
      for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
      return h;
    };
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (s) => {
      expect(entropy(s)).toBe(reference(s));
    }), { numRuns: 500 });
  });
});
