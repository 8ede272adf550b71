/** CIDR builtins over IPv4 and IPv6 addresses, held as bigint. */
import { builtinError, typeError } from '../errors';
import { isObject, isSet, RSet, typeName, type Value } from '../value';
import { str, type Builtin } from './registry';

interface Net { v6: boolean; base: bigint; bits: number }

function parseIPv4(s: string): bigint | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    v = (v << 8n) | BigInt(Number(p));
  }
  return v;
}

function parseIPv6(s: string): bigint | null {
  let text = s;
  let tail: bigint | null = null;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tail = parseIPv4(text.slice(lastColon + 1));
    if (tail === null) return null;
    text = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const groups = halves.length === 2 ? [...head, ...Array(8 - head.length - rest.length).fill('0'), ...rest] : head;
  if (groups.length !== 8) return null;
  let v = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  if (tail !== null) v = (v & ~0xffffffffn) | tail;
  return v;
}

function parseIP(s: string): { v6: boolean; addr: bigint } | null {
  const v4 = parseIPv4(s);
  if (v4 !== null) return { v6: false, addr: v4 };
  const v6 = s.includes(':') ? parseIPv6(s) : null;
  return v6 === null ? null : { v6: true, addr: v6 };
}

function parseCIDR(s: string): Net {
  const slash = s.indexOf('/');
  if (slash < 0) throw builtinError(`invalid CIDR address: ${s}`);
  const ip = parseIP(s.slice(0, slash));
  const bitsText = s.slice(slash + 1);
  const max = ip?.v6 ? 128 : 32;
  if (!ip || !/^\d+$/.test(bitsText) || Number(bitsText) > max) {
    throw builtinError(`invalid CIDR address: ${s}`);
  }
  const bits = Number(bitsText);
  const width = BigInt(max);
  const mask = ((1n << width) - 1n) ^ ((1n << (width - BigInt(bits))) - 1n);
  return { v6: ip.v6, base: ip.addr & mask, bits };
}

function netSize(n: Net): bigint { return 1n << BigInt((n.v6 ? 128 : 32) - n.bits); }

function containsNet(outer: Net, inner: Net): boolean {
  if (outer.v6 !== inner.v6 || inner.bits < outer.bits) return false;
  return inner.base >= outer.base && inner.base + netSize(inner) <= outer.base + netSize(outer);
}

/** The second operand may be a CIDR or a bare address. */
function netOrAddress(s: string): Net {
  if (s.includes('/')) return parseCIDR(s);
  const ip = parseIP(s);
  if (!ip) throw builtinError(`invalid IP address: ${s}`);
  return { v6: ip.v6, base: ip.addr, bits: ip.v6 ? 128 : 32 };
}

function formatIP(addr: bigint, v6: boolean): string {
  if (!v6) return [24n, 16n, 8n, 0n].map((sh) => String((addr >> sh) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((addr >> BigInt(112 - 16 * i)) & 0xffffn));
  // Compress the longest run (two or more) of zero groups, as Go prints IPv6 addresses.
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return hex.slice(0, best).join(':') + '::' + hex.slice(best + bestLen).join(':');
}

const formatNet = (n: Net): string => `${formatIP(n.base, n.v6)}/${n.bits}`;

/** Smallest set of networks covering the inputs: drop contained ones, join adjacent halves. */
function merge(nets: Net[]): Net[] {
  let list = [...nets].sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : a.bits - b.bits));
  let changed = true;
  while (changed) {
    changed = false;
    const out: Net[] = [];
    for (const n of list) {
      const last = out[out.length - 1];
      if (last && containsNet(last, n)) continue;
      if (last && last.bits === n.bits && last.bits > 0) {
        const parentBits = last.bits - 1;
        const width = BigInt(n.v6 ? 128 : 32);
        const parentSize = 1n << (width - BigInt(parentBits));
        if (last.base % parentSize === 0n && last.base + netSize(last) === n.base) {
          out[out.length - 1] = { v6: n.v6, base: last.base, bits: parentBits };
          changed = true;
          continue;
        }
      }
      out.push(n);
    }
    list = out;
  }
  return list;
}

function mergeOperand(v: Value): Net[] {
  if (!Array.isArray(v) && !isSet(v)) throw typeError(`operand 1 must be one of {array, set} but got ${typeName(v)}`);
  return (Array.isArray(v) ? (v as Value[]) : [...v]).map((x) => {
    if (typeof x !== 'string') throw typeError(`operand 1 must be array of strings but got ${typeName(x)}`);
    if (x.includes('/')) return parseCIDR(x);
    const ip = parseIP(x);
    if (!ip) throw builtinError(`invalid IP address: ${x}`);
    if (ip.v6) throw builtinError('IPv6 invalid: needs prefix length');
    // A bare IPv4 address stands for its classful network, like Go's IP.DefaultMask.
    const first = Number(ip.addr >> 24n);
    const bits = first < 128 ? 8 : first < 192 ? 16 : first < 224 ? 24 : 32;
    const mask = ((1n << 32n) - 1n) ^ ((1n << BigInt(32 - bits)) - 1n);
    return { v6: false, base: ip.addr & mask, bits };
  });
}

/** cidr_contains_matches operands: a string, or a collection of strings / [cidr, …] tuples. */
function matchEntries(v: Value, pos: number): [Value, string][] {
  const entry = (key: Value, x: Value): [Value, string] => {
    if (typeof x === 'string') return [key, x];
    if (Array.isArray(x) && x.length > 0 && typeof x[0] === 'string') return [key, x[0]];
    throw builtinError(`operand ${pos}: element must be string or non-empty array`);
  };
  if (typeof v === 'string') return [[v, v]];
  if (Array.isArray(v)) return v.map((x, i) => entry(i, x));
  if (isSet(v)) return [...v].map((x) => entry(x, x));
  if (isObject(v)) return [...v.entries()].map(([k, x]) => entry(k, x));
  throw typeError(`operand ${pos} must be one of {string, array, set, object} but got ${typeName(v)}`);
}

const MAX_EXPAND = 1 << 16;

export const NET_BUILTINS: Builtin[] = [
  {
    name: 'net.cidr_contains',
    arity: 2,
    fn: (args) => containsNet(parseCIDR(str(args, 1)), netOrAddress(str(args, 2))),
  },
  {
    name: 'net.cidr_intersects',
    arity: 2,
    fn: (args) => {
      const a = parseCIDR(str(args, 1));
      const b = parseCIDR(str(args, 2));
      return a.v6 === b.v6 && a.base < b.base + netSize(b) && b.base < a.base + netSize(a);
    },
  },
  {
    name: 'net.cidr_is_valid',
    arity: 1,
    fn: (args) => {
      if (typeof args[0] !== 'string') return false;
      try {
        parseCIDR(args[0]);
        return true;
      } catch {
        return false;
      }
    },
  },
  {
    name: 'net.cidr_merge',
    arity: 1,
    fn: (args) => RSet.from(merge(mergeOperand(args[0]!)).map(formatNet)),
  },
  {
    name: 'net.cidr_expand',
    arity: 1,
    fn: (args) => {
      const n = parseCIDR(str(args, 1));
      const size = netSize(n);
      if (size > BigInt(MAX_EXPAND)) throw builtinError(`network ${formatNet(n)} has more than ${MAX_EXPAND} addresses`);
      const out = new RSet();
      for (let i = 0n; i < size; i++) out.add(formatIP(n.base + i, n.v6));
      return out;
    },
  },
  {
    name: 'net.cidr_contains_matches',
    arity: 2,
    fn: (args) => {
      const outer = matchEntries(args[0]!, 1).map(([k, c]) => [k, parseCIDR(c)] as const);
      const inner = matchEntries(args[1]!, 2).map(([k, c]) => [k, netOrAddress(c)] as const);
      const out = new RSet();
      for (const [ka, a] of outer) for (const [kb, b] of inner) if (containsNet(a, b)) out.add([ka, kb]);
      return out;
    },
  },
];
