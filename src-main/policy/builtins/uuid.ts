/** uuid.parse: the fields of an RFC 4122 UUID, as Go's google/uuid reports them. */
import { RObject, type Value } from '../value';
import type { Builtin } from './registry';

/** 100 ns intervals between the Gregorian epoch (1582-10-15) and the Unix epoch. */
const GREGORIAN_OFFSET = 0x01b21dd213814000n;

function hexOf(s: string): string | null {
  let t = s;
  if (t.length === 45 && t.toLowerCase().startsWith('urn:uuid:')) t = t.slice(9);
  else if (t.length === 38 && t.startsWith('{') && t.endsWith('}')) t = t.slice(1, -1);
  if (t.length === 36) {
    if (t[8] !== '-' || t[13] !== '-' || t[18] !== '-' || t[23] !== '-') return null;
    t = t.replace(/-/g, '');
  }
  return /^[0-9a-fA-F]{32}$/.test(t) ? t.toLowerCase() : null;
}

function variant(b8: number): string {
  if ((b8 & 0x80) === 0) return 'Reserved';
  if ((b8 & 0xc0) === 0x80) return 'RFC4122';
  if ((b8 & 0xe0) === 0xc0) return 'Microsoft';
  return 'Future';
}

const DOMAINS = ['Person', 'Group', 'Org'];

function parse(s: string): Value | undefined {
  const hex = hexOf(s);
  if (hex === null) return undefined;
  const b = Buffer.from(hex, 'hex');
  const version = b[6]! >> 4;
  const out = new RObject();
  out.set('variant', variant(b[8]!));
  out.set('version', version);
  if (version === 1 || version === 2) {
    const low = BigInt(b.readUInt32BE(0));
    const mid = BigInt(b.readUInt16BE(4));
    const hi = BigInt(b.readUInt16BE(6) & 0x0fff);
    const ticks = low | (mid << 32n) | (hi << 48n);
    out.set('time', Number((ticks - GREGORIAN_OFFSET) * 100n));
    out.set('clocksequence', ((b[8]! & 0x3f) << 8) | b[9]!);
    out.set('nodeid', [...b.subarray(10)].map((x) => x.toString(16).padStart(2, '0')).join('-'));
    const first = b[10]!;
    out.set('macvariables', `${first & 2 ? 'local' : 'global'}:${first & 1 ? 'multicast' : 'unicast'}`);
    if (version === 2) {
      out.set('domain', DOMAINS[b[9]!] ?? `Domain${b[9]}`);
      out.set('id', b.readUInt32BE(0));
    }
  }
  return out;
}

export const UUID_BUILTINS: Builtin[] = [
  { name: 'uuid.parse', arity: 1, fn: (args) => (typeof args[0] === 'string' ? parse(args[0]) : undefined) },
];
