/** Calling builtins: the context they see, and recording their errors OPA's way. */
import type { Builtin } from './builtins/registry';
import { BuiltinError, RegoError, type Location } from './errors';
import type { Ctx } from './runtime';
import type { Value } from './value';

/** Builtin failures never stop evaluation: the call is undefined and strict mode reports it. */
export function recordBuiltinError(ctx: Ctx, b: Builtin, e: unknown, loc: Location): void {
  if (e instanceof RegoError) throw e;
  const code = e instanceof BuiltinError ? e.code : 'eval_builtin_error';
  const message = `${b.name}: ${e instanceof Error ? e.message : String(e)}`;
  ctx.shared.errors.push({ code, message, location: loc });
}

export function invokeBuiltin(ctx: Ctx, b: Builtin, args: Value[], loc: Location): Value | undefined {
  try {
    return b.fn(args, ctx.shared);
  } catch (e) {
    recordBuiltinError(ctx, b, e, loc);
    return undefined;
  }
}
