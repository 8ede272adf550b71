/**
 * One JSON call to the agent endpoint with a deadline and retries where they are safe. Failures
 * come back as values, not exceptions, so the caller turns every one of them into a verdict.
 */

export type CallResult =
  | { ok: true; status: number; body: unknown }
  /**
   * `unavailable`: no usable answer (unreachable, timeout, 5xx, not JSON): `failMode` applies.
   * `refused`: the service answered and refused the request (401, 400, 404…): always a block.
   */
  | { ok: false; kind: 'unavailable' | 'refused'; status?: number; message: string };

export interface CallOptions {
  method: 'GET' | 'POST';
  url: string;
  apiKey: string;
  body?: unknown;
  /** Whole budget for the call including retries. */
  timeoutMs: number;
  /**
   * `idempotent` may resend after any failure (GET); `once` resends only when the request cannot
   * have been processed (connection refused, 429), because a second evaluate would record a second
   * decision and feed the sequence detector twice.
   */
  retry: 'idempotent' | 'once';
  retries: number;
  signal?: AbortSignal | undefined;
}

// Connection errors raised before a single byte of the request left this process.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
const BACKOFF_MS = [20, 100, 250, 500];

export async function callEndpoint(options: CallOptions): Promise<CallResult> {
  const deadline = Date.now() + options.timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const { result, retryable, retryAfterMs } = await attemptOnce(options, deadline);
    if (result.ok || !retryable || attempt >= options.retries || options.signal?.aborted) return result;
    const pause = Math.max(retryAfterMs ?? 0, BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] ?? 0);
    if (Date.now() + pause >= deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

interface Attempt {
  result: CallResult;
  retryable: boolean;
  retryAfterMs?: number;
}

async function attemptOnce(options: CallOptions, deadline: number): Promise<Attempt> {
  const remaining = deadline - Date.now();
  if (remaining <= 0) return { result: unavailable(`no answer within ${options.timeoutMs} ms`), retryable: false };
  const timeout = AbortSignal.timeout(remaining);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const headers: Record<string, string> = { authorization: `Bearer ${options.apiKey}`, accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  let text: string;
  try {
    response = await fetch(options.url, {
      method: options.method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      signal,
    });
    text = await response.text();
  } catch (error) {
    if (timeout.aborted) return { result: unavailable(`no answer within ${options.timeoutMs} ms`), retryable: false };
    if (options.signal?.aborted) return { result: unavailable('the call was cancelled'), retryable: false };
    const code = errorCode(error);
    return {
      result: unavailable(`cannot reach Portcullis at ${new URL(options.url).origin}: ${code ?? describe(error)}`),
      retryable: options.retry === 'idempotent' || (code !== undefined && NOT_SENT.has(code)),
    };
  }
  return classify(response, text, options.retry);
}

function classify(response: Response, text: string, retry: CallOptions['retry']): Attempt {
  const status = response.status;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { result: unavailable(`HTTP ${status} with a body that is not JSON`, status), retryable: retry === 'idempotent' };
  }
  if (status >= 200 && status < 300) return { result: { ok: true, status, body }, retryable: false };
  const message = `HTTP ${status}: ${errorText(body)}`;
  if (status === 429) {
    const seconds = Number(response.headers.get('retry-after'));
    return {
      result: unavailable(message, status),
      retryable: true,
      ...(Number.isFinite(seconds) && seconds > 0 ? { retryAfterMs: seconds * 1000 } : {}),
    };
  }
  // 503 means the request was not taken (the service answers it while shutting down): safe to resend.
  if (status >= 500) return { result: unavailable(message, status), retryable: retry === 'idempotent' || status === 503 };
  return { result: { ok: false, kind: 'refused', status, message }, retryable: false };
}

function unavailable(message: string, status?: number): CallResult {
  return { ok: false, kind: 'unavailable', message, ...(status === undefined ? {} : { status }) };
}

function errorText(body: unknown): string {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (error && typeof error === 'object') return `${String(error.code ?? 'error')}: ${String(error.message ?? '')}`;
  return 'unexpected answer';
}

/** undici reports the socket error as `cause`, sometimes wrapped in an AggregateError (IPv4 and IPv6 tried). */
function errorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown; errors?: { code?: unknown }[] } } | undefined)?.cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code;
  return typeof code === 'string' ? code : undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
