import { textHas } from '../context';
import { word } from '../grams';
import type { Detector, Span } from '../types';

const GATE = word('PRIVATE KEY');
const BEGIN = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----/g;

/** PRIVATE_KEY: a BEGIN…END block of the same kind whose body holds real base64, not "...". */
export const detectPrivateKey: Detector = (ctx) => {
  if (!textHas(ctx, GATE)) return [];
  const { text } = ctx;
  const out: Span[] = [];
  BEGIN.lastIndex = 0;
  for (let m = BEGIN.exec(text); m; m = BEGIN.exec(text)) {
    const endMarker = `-----END ${m[1]}-----`;
    const endAt = text.indexOf(endMarker, m.index + m[0].length);
    if (endAt < 0) break; // no END further on: later BEGINs of this kind cannot close either
    const body = text.slice(m.index + m[0].length, endAt).replace(/\\n|\\r|\s/g, '');
    const base64 = body.replace(/^(?:Proc-Type|DEK-Info|Version|Comment):[^]*?(?=[A-Za-z0-9+/]{40})/, '');
    if (base64.length >= 40 && /^[A-Za-z0-9+/=:,-]+$/.test(base64) && !/\.{3}|x{8}|X{8}/.test(body)) {
      out.push({ type: 'PRIVATE_KEY', start: m.index, end: endAt + endMarker.length, confidence: 0.99 });
    }
    BEGIN.lastIndex = endAt + endMarker.length;
  }
  return out;
};
