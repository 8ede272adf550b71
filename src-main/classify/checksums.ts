/** Checksums of classification.md: Luhn (cards, NPI), ISO 13616 mod-97 (IBAN), ABA routing. */

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Card brands by IIN prefix range and allowed lengths; unknown brands are not cards. */
const BRANDS: { from: number; to: number; prefixLength: number; lengths: number[] }[] = [
  { from: 4, to: 4, prefixLength: 1, lengths: [13, 16, 19] }, // Visa
  { from: 51, to: 55, prefixLength: 2, lengths: [16] }, // Mastercard
  { from: 2221, to: 2720, prefixLength: 4, lengths: [16] }, // Mastercard 2-series
  { from: 34, to: 34, prefixLength: 2, lengths: [15] }, // Amex
  { from: 37, to: 37, prefixLength: 2, lengths: [15] },
  { from: 6011, to: 6011, prefixLength: 4, lengths: [16, 17, 18, 19] }, // Discover
  { from: 644, to: 649, prefixLength: 3, lengths: [16, 17, 18, 19] },
  { from: 65, to: 65, prefixLength: 2, lengths: [16, 17, 18, 19] },
  { from: 3528, to: 3589, prefixLength: 4, lengths: [16, 17, 18, 19] }, // JCB
  { from: 300, to: 305, prefixLength: 3, lengths: [14, 15, 16, 17, 18, 19] }, // Diners
  { from: 36, to: 36, prefixLength: 2, lengths: [14, 15, 16, 17, 18, 19] },
  { from: 38, to: 39, prefixLength: 2, lengths: [14, 15, 16, 17, 18, 19] },
  { from: 62, to: 62, prefixLength: 2, lengths: [16, 17, 18, 19] }, // UnionPay
  { from: 2200, to: 2204, prefixLength: 4, lengths: [16, 17, 18, 19] }, // Mir
  // Maestro: the IINs it is issued under (its nominal 50/56–69 range overlaps other brands).
  ...[5018, 5020, 5038, 5893, 6304, 6759, 6761, 6762, 6763].map((iin) => ({ from: iin, to: iin, prefixLength: 4, lengths: [13, 14, 15, 16, 17, 18, 19] })),
];

export function knownCardBrand(digits: string): boolean {
  return BRANDS.some((b) => {
    const p = Number(digits.slice(0, b.prefixLength));
    return p >= b.from && p <= b.to && b.lengths.includes(digits.length);
  });
}

/** IBAN total length per country (ISO 13616 registry). */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22,
  CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22,
  GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30,
  KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31,
  MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24, SC: 31, SE: 24,
  SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

/** The shortest IBAN in the registry (Norway's, 15 characters). */
export const MIN_IBAN_LENGTH = Math.min(...Object.values(IBAN_LENGTHS));

/** `iban` without spaces, uppercase. */
export function ibanValid(iban: string): boolean {
  if (IBAN_LENGTHS[iban.slice(0, 2)] !== iban.length) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let r = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    if (c >= 48 && c <= 57) r = (r * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) r = (r * 100 + (c - 55)) % 97;
    else return false;
  }
  return r === 1;
}

/** ABA routing number: weights 3-7-1, first two digits a Federal Reserve or thrift range. */
export function abaValid(d: string): boolean {
  if (d.length !== 9) return false;
  const prefix = Number(d.slice(0, 2));
  const prefixOk = prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80;
  if (!prefixOk) return false;
  const n = (i: number): number => d.charCodeAt(i) - 48;
  const s = 3 * (n(0) + n(3) + n(6)) + 7 * (n(1) + n(4) + n(7)) + (n(2) + n(5) + n(8));
  return s % 10 === 0 && s > 0;
}

/** NPI: 10 digits starting 1 or 2, Luhn over the number prefixed by 80840. */
export function npiValid(d: string): boolean {
  return d.length === 10 && (d[0] === '1' || d[0] === '2') && luhnValid('80840' + d);
}

/** SSN ranges the SSA never issues. */
export function ssnValid(area: string, group: string, serial: string): boolean {
  if (area === '000' || area === '666' || area[0] === '9') return false;
  if (group === '00' || serial === '0000') return false;
  return !(area === '123' && group === '45' && serial === '6789');
}

/** A field holding an SSN alone, dashed or not (positional records: HL7, X12). */
export function ssnFieldValid(v: string): boolean {
  const m = /^(\d{3})-?(\d{2})-?(\d{4})$/.exec(v);
  return m !== null && ssnValid(m[1] as string, m[2] as string, m[3] as string);
}

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  // ASCII fast path: counts by char code, summed in order of first occurrence exactly as the
  // general path below sums them (floating-point sums depend on order).
  const counts = ASCII_COUNTS.fill(0);
  const order: number[] = [];
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) {
      ascii = false;
      break;
    }
    if (counts[c] === 0) order.push(c);
    counts[c] = (counts[c] as number) + 1;
  }
  if (ascii) {
    let h = 0;
    for (const c of order) {
      const p = (counts[c] as number) / s.length;
      h -= p * Math.log2(p);
    }
    return h;
  }
  const map = new Map<string, number>();
  for (const c of s) map.set(c, (map.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of map.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}
const ASCII_COUNTS = new Int32Array(128);
