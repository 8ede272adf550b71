import type { EvaluateResponse, MatchedRule } from './types.js';

/**
 * How a verdict came about:
 * - `decided`: the service allowed or blocked at once;
 * - `approved` / `rejected` / `expired`: a human (or the review's expiry) resolved a `review`;
 * - `unresolved`: the SDK stopped waiting for a review before anyone resolved it;
 * - `unverified`: an approval arrived but `verifyApproval` refused it;
 * - `refused`: the service refused the request itself (bad key, invalid action): never fail-open;
 * - `unavailable`: no usable answer (unreachable, timed out, 5xx, garbage); `failMode` decided.
 */
export type VerdictBasis =
  | 'decided'
  | 'approved'
  | 'rejected'
  | 'expired'
  | 'unresolved'
  | 'unverified'
  | 'refused'
  | 'unavailable';

/**
 * What stands behind an `approved` verdict. Today the service reports only the status; signed
 * approvals (DESIGN §5: an Ed25519-signed record naming the approver, the action digest and the
 * scope) will arrive as `signed`, and `PortcullisOptions.verifyApproval` is where an agent checks
 * them before acting: returning false turns the approval into a block.
 */
export interface Approval {
  status: 'approved';
  decisionId: string;
  /** The signed approval record, once the service sends one. */
  signed?: SignedApproval;
}

export interface SignedApproval {
  decision_id: string;
  action_digest: string;
  verdict: 'allow' | 'block';
  approver: string;
  key_id: string;
  reason?: string;
  scope: string;
  ts: string;
  /** Base64 Ed25519 signature over the record's canonical JSON. */
  signature: string;
}

interface VerdictCommon {
  /** The decision's id on the service; absent when no decision was made (endpoint unavailable). */
  decisionId: string | undefined;
  basis: VerdictBasis;
  /** Why, in words a human reads: the service's reasons, or the SDK's when it decided itself. */
  reasons: string[];
  matchedRules: MatchedRule[];
  /** The service's last answer for this decision, when there was one. */
  response: EvaluateResponse | undefined;
}

export interface AllowVerdict extends VerdictCommon {
  allowed: true;
  basis: 'decided' | 'approved' | 'unavailable';
  /** Present when a human approved a review. */
  approval: Approval | undefined;
}

export interface BlockVerdict extends VerdictCommon {
  allowed: false;
  basis: Exclude<VerdictBasis, 'approved'>;
}

/** The SDK's answer to "may this action run?": only `allowed` is ever enforced. */
export type Verdict = AllowVerdict | BlockVerdict;

export function blockVerdict(
  basis: BlockVerdict['basis'],
  reasons: string[],
  response?: EvaluateResponse,
): BlockVerdict {
  return {
    allowed: false,
    basis,
    decisionId: response?.decision_id,
    reasons,
    matchedRules: response?.matched_rules ?? [],
    response,
  };
}

/**
 * The verdict a settled service answer stands for. Anything but an unambiguous allow is a block,
 * so an inconsistent answer (say `approved` with decision `block`) fails closed.
 */
export function settledVerdict(response: EvaluateResponse): Verdict {
  const { decision, status } = response;
  if (decision === 'allow' && (status === 'decided' || status === 'approved')) {
    return {
      allowed: true,
      basis: status,
      decisionId: response.decision_id,
      reasons: response.reasons,
      matchedRules: response.matched_rules,
      response,
      approval: status === 'approved' ? { status: 'approved', decisionId: response.decision_id } : undefined,
    };
  }
  const why = RESOLUTION_REASONS[status];
  const reasons = why ? [...response.reasons, why] : response.reasons;
  if (status === 'pending') return blockVerdict('unresolved', reasons, response);
  const basis = status === 'rejected' || status === 'expired' ? status : 'decided';
  return blockVerdict(basis, reasons.length > 0 ? reasons : [`decision ${decision} (${status})`], response);
}

const RESOLUTION_REASONS: Partial<Record<EvaluateResponse['status'], string>> = {
  pending: 'the review was not resolved in time',
  rejected: 'a reviewer rejected the action',
  expired: 'the review expired without a verdict',
};
