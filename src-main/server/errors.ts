import type { ErrorBody } from '../../src-shared/operator-api';

export const errorBody = (code: string, message: string): ErrorBody => ({ error: { code, message } });

/** HTTP status for an operator-API error code; unknown codes are the caller's fault (400). */
export function statusForCode(code: string): number {
  switch (code) {
    case 'unauthorized':
      return 401;
    case 'forbidden_host':
    case 'forbidden_origin':
      return 403;
    case 'unknown_method':
    case 'not_found':
    case 'agent_not_found':
    case 'policy_not_found':
      return 404;
    case 'agent_exists':
    case 'not_pending':
    case 'no_payload':
    case 'already_erased':
    case 'policy_conflict':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
      return 415;
    case 'internal_error':
      return 500;
    case 'console_not_built':
      return 503;
    default:
      return 400;
  }
}
