import { matchAll } from '../context';
import type { Detector, Span } from '../types';

const SUFFIX =
  '(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Square|Sq|Trail|Trl|Straße|Strasse)';
const WORD = '(?: [A-Z][a-z]{1,20}| [NSEW]\\.?| \\d{1,3}(?:st|nd|rd|th))';
const UNIT = '(?:,? (?:Apt|Apartment|Suite|Ste|Unit|Fl|Floor|#)\\.? ?#?[A-Za-z0-9-]{1,6})?';
const CITY = '(?:, [A-Z][a-z]{1,20}(?: [A-Z][a-z]{1,20}){0,2},? [A-Z]{2},? \\d{5}(?:-\\d{4})?)?';
/** House number, 1–4 capitalised words, a street suffix; unit and "City, ST ZIP" when contiguous. */
const ADDRESS = new RegExp(`(?<![\\w.-])\\d{1,6}[A-Z]?${WORD}{1,4} ${SUFFIX}\\b\\.?${UNIT}${CITY}`, 'g');
const GATE = /(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|parkway|highway|circle|square|trail|stra(?:ss|ß)e)\b/;

export const detectStreetAddress: Detector = ({ text, lower }) => {
  if (!GATE.test(lower)) return [];
  const out: Span[] = [];
  for (const m of matchAll(text, ADDRESS)) {
    out.push({ type: 'STREET_ADDRESS', start: m.index, end: m.index + m[0].replace(/[.,]$/, '').length, confidence: 0.8 });
  }
  return out;
};
