import { OPERATOR_METHODS, type OperatorMethod } from '../../src-shared/operator-methods';
import { operatorContract, OperatorApiError, type OperatorApi, type RpcResponse } from '../../src-shared/operator-api';

const isMethod = (name: string): name is OperatorMethod => (OPERATOR_METHODS as readonly string[]).includes(name);

/**
 * The one entry both transports call: checks the method name and the arguments against the
 * contract, runs the handler, and turns every failure into an error body (never a stack trace).
 */
export async function dispatch(
  handlers: OperatorApi,
  method: string,
  args: unknown,
  onInternalError: (method: string, error: unknown) => void,
): Promise<RpcResponse> {
  if (!isMethod(method)) {
    return { error: { code: 'unknown_method', message: `no operator method named '${method.slice(0, 64)}'` } };
  }
  const parsed = operatorContract[method].args.safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at args.${issue.path.join('.')}` : '';
    return { error: { code: 'invalid_arguments', message: `${method}: ${issue?.message ?? 'invalid arguments'}${where}` } };
  }
  try {
    const handler = handlers[method] as (...a: unknown[]) => Promise<unknown>;
    const result = await handler(...(parsed.data as unknown[]));
    return { result } as RpcResponse;
  } catch (error) {
    if (error instanceof OperatorApiError) return { error: { code: error.code, message: error.message } };
    onInternalError(method, error);
    return { error: { code: 'internal_error', message: `${method} failed; see the service log` } };
  }
}
