/** Structured errors raised by the parser, compiler and evaluator. */

export interface Location {
  file: string;
  row: number;
  col: number;
}

export type ErrorCode =
  | 'rego_parse_error'
  | 'rego_compile_error'
  | 'rego_unsafe_var_error'
  | 'rego_recursion_error'
  | 'rego_type_error'
  | 'eval_conflict_error'
  | 'eval_type_error'
  | 'eval_builtin_error'
  | 'eval_budget_exceeded'
  | 'eval_internal_error';

export class RegoError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly location?: Location,
  ) {
    super(formatError(code, detail, location));
  }
}

/** OPA's text form: `<file>:<row>: <code>: <message>` (parse errors also carry the column). */
function formatError(code: ErrorCode, detail: string, loc?: Location): string {
  if (!loc) return `${code}: ${detail}`;
  if (code.startsWith('rego_')) return `${loc.file}:${loc.row}:${loc.col}: ${code}: ${detail}`;
  return `${loc.file}:${loc.row}: ${code}: ${detail}`;
}

/** Thrown by builtin implementations; the evaluator records it and treats the call as undefined. */
export class BuiltinError extends Error {
  constructor(
    readonly code: 'eval_builtin_error' | 'eval_type_error',
    message: string,
  ) {
    super(message);
  }
}

export function typeError(message: string): BuiltinError {
  return new BuiltinError('eval_type_error', message);
}

export function builtinError(message: string): BuiltinError {
  return new BuiltinError('eval_builtin_error', message);
}
