import { matchAll, textHas } from '../context';
import { word } from '../grams';
import type { Detector, Span } from '../types';

const GATE = word('eyJ');
const TOKEN = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,2000}\.[A-Za-z0-9_-]{2,8000}\.[A-Za-z0-9_-]{0,2000}(?![A-Za-z0-9_.-])/g;

/** JWT: three base64url parts whose header decodes to a JSON object with `alg`. */
export const detectJwt: Detector = (ctx) => {
  if (!textHas(ctx, GATE)) return [];
  const { text } = ctx;
  const out: Span[] = [];
  for (const m of matchAll(text, TOKEN)) {
    const header = m[0].slice(0, m[0].indexOf('.'));
    try {
      const decoded: unknown = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
      if (decoded && typeof decoded === 'object' && 'alg' in decoded) {
        out.push({ type: 'JWT', start: m.index, end: m.index + m[0].length, confidence: 0.97 });
      }
    } catch {
      // header is not JSON: not a JWT
    }
  }
  return out;
};
