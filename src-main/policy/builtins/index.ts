/** The builtin registry: every family's builtins by name. */
import { AGGREGATE_BUILTINS } from './aggregates';
import { BITS_BUILTINS } from './bits';
import { CAST_BUILTINS } from './casts';
import { COLLECTION_BUILTINS } from './collections';
import { CRYPTO_BUILTINS } from './crypto';
import { ENCODING_BUILTINS } from './encoding';
import { GLOB_BUILTINS } from './glob';
import { GRAPH_BUILTINS } from './graph';
import { JSON_PATH_BUILTINS } from './json-paths';
import { NET_BUILTINS } from './net';
import { NUMBER_BUILTINS } from './numbers';
import { REGEX_BUILTINS } from './regex';
import { defineBuiltins, type Builtin } from './registry';
import { RUNTIME_BUILTINS } from './runtime';
import { SEMVER_BUILTINS } from './semver';
import { SPRINTF_BUILTINS } from './sprintf';
import { STRING_BUILTINS } from './strings';
import { TIME_BUILTINS } from './time';
import { TYPE_BUILTINS } from './types';
import { UNIT_BUILTINS } from './units';
import { UUID_BUILTINS } from './uuid';

const PRINT: Builtin[] = [
  // Evaluated by the compiler itself, which prints undefined arguments as <undefined>.
  { name: 'print', arity: -1, fn: () => true },
  { name: 'internal.print', arity: 1, fn: () => true },
];

export const ALL_BUILTINS: ReadonlyMap<string, Builtin> = defineBuiltins([
  ...NUMBER_BUILTINS,
  ...AGGREGATE_BUILTINS,
  ...COLLECTION_BUILTINS,
  ...TYPE_BUILTINS,
  ...CAST_BUILTINS,
  ...STRING_BUILTINS,
  ...SPRINTF_BUILTINS,
  ...REGEX_BUILTINS,
  ...GLOB_BUILTINS,
  ...ENCODING_BUILTINS,
  ...TIME_BUILTINS,
  ...NET_BUILTINS,
  ...UNIT_BUILTINS,
  ...RUNTIME_BUILTINS,
  ...GRAPH_BUILTINS,
  ...JSON_PATH_BUILTINS,
  ...SEMVER_BUILTINS,
  ...BITS_BUILTINS,
  ...CRYPTO_BUILTINS,
  ...UUID_BUILTINS,
  ...PRINT,
]);
