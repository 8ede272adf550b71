/**
 * Runtime-environment builtins. The engine makes no network calls and has no JWT/x509 support:
 * those builtins are declared so that policies mocking them with `with` compile, and fail
 * (fail-closed) when really called.
 */
import { builtinError } from '../errors';
import { RObject } from '../value';
import type { Builtin } from './registry';

export const RUNTIME_BUILTINS: Builtin[] = [
  { name: 'opa.runtime', arity: 0, fn: () => RObject.from([['env', new RObject()]]) },
];

const UNSUPPORTED: [string, number][] = [
  ['http.send', 1], ['net.lookup_ip_addr', 1],
  ['io.jwt.decode', 1], ['io.jwt.decode_verify', 2], ['io.jwt.encode_sign', 3], ['io.jwt.encode_sign_raw', 3],
  ...['rs', 'ps', 'es', 'hs'].flatMap((alg) => [256, 384, 512].map((bits): [string, number] => [`io.jwt.verify_${alg}${bits}`, 2])),
  ['io.jwt.verify_eddsa', 2],
  ['crypto.x509.parse_certificates', 1], ['crypto.x509.parse_and_verify_certificates', 1],
  ['crypto.x509.parse_and_verify_certificates_with_options', 2], ['crypto.x509.parse_certificate_request', 1],
  ['crypto.x509.parse_keypair', 2], ['crypto.x509.parse_rsa_private_key', 1], ['crypto.parse_private_keys', 1],
];

for (const [name, arity] of UNSUPPORTED) {
  RUNTIME_BUILTINS.push({
    name,
    arity,
    fn: () => {
      throw builtinError('not supported by the Portcullis engine');
    },
  });
}
