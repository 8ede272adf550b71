/** base64, base64url, hex, urlquery and JSON encoding builtins. */
import { builtinError, typeError } from '../errors';
import { fromJSON, isArray, isSet, toJSONText, typeName, RObject, type Value } from '../value';
import { obj, str, type Builtin } from './registry';

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;
const B64URL = /^[A-Za-z0-9_-]*={0,2}$/;

function decodeBase64(s: string, url: boolean): string {
  const re = url ? B64URL : B64;
  const padded = url && s.length % 4 !== 0 && !s.includes('=') ? s + '='.repeat((4 - (s.length % 4)) % 4) : s;
  if (!re.test(padded) || padded.length % 4 !== 0) throw builtinError('illegal base64 data at input byte 0');
  return Buffer.from(padded, url ? 'base64url' : 'base64').toString('utf8');
}

function parseJSON(s: string): Value {
  try {
    return fromJSON(JSON.parse(s));
  } catch {
    throw builtinError('invalid character in JSON input');
  }
}

function urlEncode(s: string): string {
  // Go's url.QueryEscape: spaces become '+', everything outside [A-Za-z0-9-_.~] is escaped.
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%20/g, '+');
}

function urlDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    throw builtinError(`invalid URL escape`);
  }
}

export const ENCODING_BUILTINS: Builtin[] = [
  { name: 'base64.encode', arity: 1, fn: (args) => Buffer.from(str(args, 1), 'utf8').toString('base64') },
  { name: 'base64.decode', arity: 1, fn: (args) => decodeBase64(str(args, 1), false) },
  {
    name: 'base64.is_valid',
    arity: 1,
    fn: (args) => {
      const s = str(args, 1);
      return B64.test(s) && s.length % 4 === 0;
    },
  },
  { name: 'base64url.encode', arity: 1, fn: (args) => Buffer.from(str(args, 1), 'utf8').toString('base64url').padEnd(Math.ceil(Buffer.byteLength(str(args, 1)) / 3) * 4, '=') },
  { name: 'base64url.encode_no_pad', arity: 1, fn: (args) => Buffer.from(str(args, 1), 'utf8').toString('base64url') },
  { name: 'base64url.decode', arity: 1, fn: (args) => decodeBase64(str(args, 1), true) },
  { name: 'hex.encode', arity: 1, fn: (args) => Buffer.from(str(args, 1), 'utf8').toString('hex') },
  {
    name: 'hex.decode',
    arity: 1,
    fn: (args) => {
      const s = str(args, 1);
      const bad = /[^0-9a-fA-F]/.exec(s);
      if (bad) throw builtinError(`invalid byte: U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${bad[0]}'`);
      if (s.length % 2 !== 0) throw builtinError('odd length hex string');
      return Buffer.from(s, 'hex').toString('utf8');
    },
  },
  { name: 'urlquery.encode', arity: 1, fn: (args) => urlEncode(str(args, 1)) },
  { name: 'urlquery.decode', arity: 1, fn: (args) => urlDecode(str(args, 1)) },
  {
    name: 'urlquery.encode_object',
    arity: 1,
    fn: (args) => {
      const o = obj(args, 1);
      const parts: string[] = [];
      for (const [k, v] of o.sortedEntries()) {
        if (typeof k !== 'string') throw typeError('operand 1 must be object[string: string|array|set]');
        const values = typeof v === 'string' ? [v] : isArray(v) ? v : isSet(v) ? v.sorted() : null;
        if (!values) throw typeError(`operand 1 must be object[string: string|array|set] but got ${typeName(v)} value`);
        for (const x of values) {
          if (typeof x !== 'string') throw typeError('operand 1 values must be strings');
          parts.push(`${urlEncode(k)}=${urlEncode(x)}`);
        }
      }
      return parts.join('&');
    },
  },
  {
    name: 'urlquery.decode_object',
    arity: 1,
    fn: (args) => {
      const out = new RObject();
      for (const pair of str(args, 1).split(/[&;]/)) {
        if (pair === '') continue;
        const eq = pair.indexOf('=');
        const k = urlDecode(eq < 0 ? pair : pair.slice(0, eq));
        const v = eq < 0 ? '' : urlDecode(pair.slice(eq + 1));
        const prev = out.get(k);
        out.set(k, [...(isArray(prev) ? prev : []), v]);
      }
      return out;
    },
  },
  { name: 'json.marshal', arity: 1, fn: (args) => toJSONText(args[0]!) },
  {
    name: 'json.marshal_with_options',
    arity: 2,
    fn: (args) => {
      const opts = obj(args, 2);
      const pretty = opts.get('pretty') === true || opts.get('indent') !== undefined || opts.get('prefix') !== undefined;
      if (!pretty) return toJSONText(args[0]!);
      const indent = opts.get('indent');
      const prefix = opts.get('prefix');
      const text = JSON.stringify(JSON.parse(toJSONText(args[0]!)), null, typeof indent === 'string' ? indent : '\t');
      return typeof prefix === 'string' ? text.split('\n').map((l) => prefix + l).join('\n') : text;
    },
  },
  { name: 'json.unmarshal', arity: 1, fn: (args) => parseJSON(str(args, 1)) },
  {
    name: 'json.is_valid',
    arity: 1,
    fn: (args) => {
      try {
        JSON.parse(str(args, 1));
        return true;
      } catch {
        return false;
      }
    },
  },
];
