import { OPERATOR_METHODS, type OperatorMethod } from '../../../src-shared/operator-methods';
import { unwrapResponse, type OperatorApi } from '../../../src-shared/operator-api';
import { createHttpOperatorApi } from '../../../src-shared/operator-http-client';

/** What the preload exposes on `window.portcullis`: raw response envelopes, one per method. */
type PreloadBridge = Record<OperatorMethod, (...args: unknown[]) => Promise<unknown>>;

declare global {
  interface Window {
    portcullis?: PreloadBridge;
  }
}

const TOKEN_KEY = 'portcullis.operatorToken';

/**
 * The operator token for the web console arrives in the URL fragment (never sent to a server,
 * never in a Referer) and is kept for this tab only; the fragment is removed at once.
 */
export function takeTokenFromLocation(): string | undefined {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

export function rememberToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

function ipcOperatorApi(bridge: PreloadBridge): OperatorApi {
  return Object.fromEntries(
    OPERATOR_METHODS.map((method) => [
      method,
      async (...args: unknown[]) => unwrapResponse(method, await bridge[method](...args)),
    ]),
  ) as OperatorApi;
}

/** The desktop app's preload bridge when present, else HTTP to the origin that served us. */
export type Transport = { kind: 'ipc'; api: OperatorApi } | { kind: 'http'; api: OperatorApi | undefined };

export function selectTransport(token: string | undefined): Transport {
  if (window.portcullis) return { kind: 'ipc', api: ipcOperatorApi(window.portcullis) };
  return { kind: 'http', api: token ? createHttpOperatorApi({ baseUrl: '', token }) : undefined };
}
