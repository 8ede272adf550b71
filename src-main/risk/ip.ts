/**
 * IP literals and CIDR blocks for the internal/external destination test. Both families share one
 * representation, four 32-bit words of an IPv6 address, with IPv4 stored IPv4-mapped
 * (::ffff:a.b.c.d) so `10.0.0.0/8` also matches `::ffff:10.1.2.3`.
 */

export type IpWords = [number, number, number, number];

export interface Cidr {
  words: IpWords;
  /** 0–128, in IPv6 bits (an IPv4 /8 is stored as /104). */
  prefix: number;
}

function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

function parseGroups(text: string): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  const parts = text.split(':');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      groups.push(Math.floor(v4 / 65536), v4 % 65536);
    } else {
      if (!/^[0-9a-f]{1,4}$/i.test(part)) return undefined;
      groups.push(parseInt(part, 16));
    }
  }
  return groups;
}

function parseIpv6(text: string): IpWords | undefined {
  const zoneless = text.split('%')[0] ?? '';
  const halves = zoneless.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const word = (i: number): number => (groups[i] ?? 0) * 65536 + (groups[i + 1] ?? 0);
  return [word(0), word(2), word(4), word(6)];
}

/** Parses an IPv4 or IPv6 literal (brackets and zone id allowed); undefined when it is not one. */
export function parseIp(text: string): IpWords | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (bare.includes(':')) return parseIpv6(bare);
  const v4 = parseIpv4(bare);
  return v4 === undefined ? undefined : [0, 0, 0xffff, v4];
}

export function parseCidr(text: string): Cidr {
  const [address = '', bits, extra] = text.trim().split('/');
  const words = parseIp(address);
  if (words === undefined || extra !== undefined) throw new Error(`not a CIDR block: '${text}'`);
  const isV4 = !address.includes(':');
  const max = isV4 ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (!/^\d{1,3}$/.test(bits ?? String(max)) || prefix > max) throw new Error(`bad prefix length in '${text}'`);
  return { words, prefix: isV4 ? prefix + 96 : prefix };
}

export function cidrContains(cidr: Cidr, ip: IpWords): boolean {
  let remaining = cidr.prefix;
  for (let i = 0; i < 4 && remaining > 0; i++) {
    const take = remaining >= 32 ? 32 : remaining;
    // Division rather than `>>>`: a shift by 32 is a shift by 0 in JavaScript.
    const shift = 32 - take;
    const a = Math.floor((cidr.words[i] ?? 0) / 2 ** shift);
    const b = Math.floor((ip[i] ?? 0) / 2 ** shift);
    if (a !== b) return false;
    remaining -= take;
  }
  return true;
}
