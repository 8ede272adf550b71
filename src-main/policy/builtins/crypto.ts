/** Hashes and HMACs over UTF-8 strings, hex encoded (no keys, certificates or JWT here). */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { str, type Builtin } from './registry';

const hash = (alg: string) => (args: Parameters<Builtin['fn']>[0]) => createHash(alg).update(str(args, 1), 'utf8').digest('hex');
const hmac = (alg: string) => (args: Parameters<Builtin['fn']>[0]) => createHmac(alg, Buffer.from(str(args, 2), 'utf8')).update(str(args, 1), 'utf8').digest('hex');

export const CRYPTO_BUILTINS: Builtin[] = [
  { name: 'crypto.md5', arity: 1, fn: hash('md5') },
  { name: 'crypto.sha1', arity: 1, fn: hash('sha1') },
  { name: 'crypto.sha256', arity: 1, fn: hash('sha256') },
  { name: 'crypto.hmac.md5', arity: 2, fn: hmac('md5') },
  { name: 'crypto.hmac.sha1', arity: 2, fn: hmac('sha1') },
  { name: 'crypto.hmac.sha256', arity: 2, fn: hmac('sha256') },
  { name: 'crypto.hmac.sha512', arity: 2, fn: hmac('sha512') },
  {
    name: 'crypto.hmac.equal',
    arity: 2,
    fn: (args) => {
      const a = Buffer.from(str(args, 1), 'utf8');
      const b = Buffer.from(str(args, 2), 'utf8');
      return a.length === b.length && timingSafeEqual(a, b);
    },
  },
];
