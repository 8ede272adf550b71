import { ibanValid, MIN_IBAN_LENGTH } from '../checksums';
import { matchAll } from '../context';
import type { Detector, Span } from '../types';

/** Country code, check digits, then BBAN either compact or in groups of four. */
const CANDIDATE = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])/g;

export const detectIban: Detector = ({ text }) => {
  const out: Span[] = [];
  for (const m of matchAll(text, CANDIDATE)) {
    let raw = m[0];
    // A trailing word may have been swallowed after a space; shrink until the checksum holds.
    for (let compact = raw.replace(/ /g, ''); compact.length >= MIN_IBAN_LENGTH; compact = raw.replace(/ /g, '')) {
      if (ibanValid(compact)) {
        out.push({ type: 'IBAN', start: m.index, end: m.index + raw.length, confidence: 0.97 });
        break;
      }
      const cut = raw.lastIndexOf(' ');
      if (cut < 0) break;
      raw = raw.slice(0, cut);
    }
  }
  return out;
};
