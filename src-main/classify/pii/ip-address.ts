import { matchAll, matchAllNearAnchors, windowBefore } from '../context';
import type { Detector, ScanContext, Span } from '../types';

const IPV4 = /(?<![\w.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?!\w|\.\d)(?:\/(\d{1,2})(?!\d))?/g;
/**
 * IPv6 candidates, tried at one position at a time (sticky): every match has a ':' within its
 * first five characters, so only the starts just before each ':' are tried.
 */
const IPV6_AT = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:.])/y;
const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
/**
 * The first colon of an IPv6 candidate is followed by up to four hex digits and a second colon;
 * at most colons (URLs, "key: value", times) it is not, and the starts before it are skipped.
 */
export const secondColonFollows = (text: string, at: number): boolean => {
  let j = at + 1;
  while (j < at + 5 && isHex(text.charCodeAt(j))) j++;
  return text.charCodeAt(j) === 58;
};
const VERSION_CUE = /\b(?:version|ver|release|build|firmware|upgrade[ds]?|downgrade[ds]?|patch|openssl|libssl|kernel|node|python|java|chrome|firefox|v)\b|\bv$/;
/**
 * A version cue speaks for the number only within its own clause: past a command break-out, a
 * URL scheme or a sentence end ("Build finished`nc 10.1.2.3", "build $(wget http://10.1.2.3/x)")
 * the number belongs to something else.
 */
const CLAUSE_BEFORE = /^[^]*(?:[`;|\n]|\$\(|:\/\/|&&|[.!?]\s)/;
const VERSION_KEY = /version|release|build/;
/**
 * The value of a field whose previous sibling holds a three-part version (`"lodash": "4.17.21",
 * "legacy-sdk": "1.7.9.7"`): a dependency list, in JSON or YAML, or as a transcript of values.
 */
const AFTER_VERSION_SIBLING = /(?<![\d.])[\^~]?\d{1,4}\.\d{1,4}\.\d{1,4}(?:[-+][\w.]{1,20})?["']?\s{0,3},?\s{0,3}["']?[\w@/.-]{1,64}["']?\s{0,3}:\s{0,3}["']?$/;

/** A field's value: a `key:` (JSON, YAML or a transcript of values) ends right before it, maybe with a quote. */
function followsKey(ctx: ScanContext, index: number): boolean {
  const before = (index > 0 ? ctx.lower.slice(Math.max(0, index - 8), index) : ctx.before.slice(-8)).trimEnd();
  return before.endsWith(':') || /:\s{0,3}["']$/.test(before);
}

/**
 * Not host addresses of interest: documentation ranges, loopback, unspecified, multicast, broadcast,
 * and the benchmarking range 198.18.0.0/15 (RFC 2544), neither routable nor private.
 */
function ipv4Excluded(o: number[]): boolean {
  const [a = 0, b = 0, c = 0] = o;
  if (a === 0 || a === 127 || a >= 224) return true;
  if (a === 198 && (b === 18 || b === 19)) return true;
  if (a === 192 && b === 0 && c === 2) return true;
  if (a === 198 && b === 51 && c === 100) return true;
  if (a === 203 && b === 0 && c === 113) return true;
  return a === 255;
}

function ipv6Valid(s: string): boolean {
  // Without "::" an address has exactly eight groups: most candidates (times, "a:b:c") fail here.
  if (!s.includes('::') && s.split(':').length !== 8) return false;
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (groups.some((g) => !/^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  if (halves.length === 1 ? groups.length !== 8 : groups.length > 7) return false;
  if (groups.length < 3) return false; // "::1", "a::b" – loopback or not an address
  const first = (groups[0] ?? '').toLowerCase();
  const second = (groups[1] ?? '').toLowerCase();
  return !(first === '2001' && (second === 'db8' || second === '0db8'));
}

export const detectIpAddress: Detector = (ctx) => {
  const { text } = ctx;
  const out: Span[] = [];
  if (text.includes('.')) {
    for (const m of matchAll(text, IPV4)) {
      const octets = [m[1], m[2], m[3], m[4]].map((x) => Number(x));
      if (octets.some((o) => o > 255) || [m[1], m[2], m[3], m[4]].some((x) => x !== undefined && x.length > 1 && x[0] === '0')) continue;
      if (ipv4Excluded(octets)) continue;
      if (m[5] !== undefined && m[5] !== '32') continue; // a network, not a host
      const lead = windowBefore(ctx, m.index, 40);
      if (VERSION_KEY.test(ctx.key) || (VERSION_CUE.test(lead) && VERSION_CUE.test(lead.replace(CLAUSE_BEFORE, '')))) continue;
      if (followsKey(ctx, m.index) && AFTER_VERSION_SIBLING.test(windowBefore(ctx, m.index, 96))) continue;
      const end = m.index + m[0].length - (m[5] !== undefined ? m[5].length + 1 : 0);
      out.push({ type: 'IP_ADDRESS', start: m.index, end, confidence: 0.9 });
    }
  }
  if (text.includes(':')) {
    for (const m of matchAllNearAnchors(text, IPV6_AT, ':', 4, (at) => secondColonFollows(text, at))) {
      if (ipv6Valid(m[0])) out.push({ type: 'IP_ADDRESS', start: m.index, end: m.index + m[0].length, confidence: 0.85 });
    }
  }
  return out;
};
