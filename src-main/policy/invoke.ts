/** Calling builtins: the context they see, and recording their errors OPA's way. */
import type { Builtin, BuiltinContext } from './builtins/registry';
import { BuiltinError, RegoError, type Location } from './errors';
import type { Ctx } from './runtime';
import type { Value } from './value';

/** One context per query: `time.now_ns` is fixed for the whole evaluation. */
export function builtinContext(ctx: Ctx): BuiltinContext {
  const shared = ctx.shared;
  return (shared.builtinContext ??= {
    nowNs: () => (shared.nowNs ??= Date.now() * 1e6),
    print: shared.print,
  });
}

/** Builtin failures never stop evaluation: the call is undefined and strict mode reports it. */
export function recordBuiltinError(ctx: Ctx, b: Builtin, e: unknown, loc: Location): void {
  if (e instanceof RegoError) throw e;
  const code = e instanceof BuiltinError ? e.code : 'eval_builtin_error';
  const message = `${b.name}: ${e instanceof Error ? e.message : String(e)}`;
  ctx.shared.errors.push({ code, message, location: loc });
}

export function invokeBuiltin(ctx: Ctx, b: Builtin, args: Value[], loc: Location): Value | undefined {
  try {
    return b.fn(args, builtinContext(ctx));
  } catch (e) {
    recordBuiltinError(ctx, b, e, loc);
    return undefined;
  }
}
