import { ssnValid } from '../checksums';
import { hasContext, matchAll } from '../context';
import type { Detector, Span } from '../types';

const SSN = /(?<![\w.-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\w-]|\.\d)/g;
/**
 * SSN context in prose, snake/camel field names (`social_security_number`, `socialSecurityNumber`)
 * and Spanish ("número de seguro social"). Letters, not `\b`, bound the words on the right: `_`
 * and `#` are not word breaks for `\b`.
 */
const SSN_CUE =
  /\b(?:ssn|ss ?#|ss ?no|ss number|soc\.? ?sec\.?|social[ _-]?security|social sec|sozialversicherung|taxpayer[ _-]?id|tin|itin|seguro social)(?![a-z])|ssn|socialsecurity|socsec/;

/** US_SSN: separated SSNs need only a valid range; contiguous ones also need SSN context. */
export const detectSsn: Detector = (ctx) => {
  const out: Span[] = [];
  for (const m of matchAll(ctx.text, SSN)) {
    const [, area = '', sep = '', group = '', serial = ''] = m;
    if (!ssnValid(area, group, serial)) continue;
    const cued = hasContext(ctx, m.index, SSN_CUE, 40);
    if (sep === '' && !cued) continue;
    out.push({ type: 'US_SSN', start: m.index, end: m.index + m[0].length, confidence: cued ? 0.95 : sep === '-' ? 0.8 : 0.6 });
  }
  return out;
};
