import { OPERATOR_METHODS, type OperatorMethod } from './operator-methods';
import { OperatorApiError, unwrapResponse, type OperatorApi } from './operator-api';

export interface HttpOperatorApiOptions {
  /** Origin of the headless service, e.g. `http://127.0.0.1:7440`; '' for same-origin. */
  baseUrl: string;
  /** Operator token (never an agent key: the two are separate worlds). */
  token: string;
  fetch?: typeof fetch;
}

/** The HTTP transport of the operator contract: one POST per call to /operator/rpc/<method>. */
export function createHttpOperatorApi(options: HttpOperatorApiOptions): OperatorApi {
  const doFetch = options.fetch ?? fetch;
  const call = async (method: OperatorMethod, args: unknown[]): Promise<unknown> => {
    let response: Response;
    try {
      response = await doFetch(`${options.baseUrl}/operator/rpc/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
        body: JSON.stringify({ args }),
      });
    } catch (cause) {
      throw new OperatorApiError('unreachable', `cannot reach the Portcullis service: ${String(cause)}`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new OperatorApiError('bad_response', `${method}: HTTP ${response.status} with a body that is not JSON`);
    }
    return unwrapResponse(method, body);
  };
  return Object.fromEntries(
    OPERATOR_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]),
  ) as OperatorApi;
}
