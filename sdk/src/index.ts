export { Portcullis, type EvaluateOptions, type PortcullisOptions } from './client.js';
export { PolicyBlockedError } from './errors.js';
export type { GuardMeta } from './guard.js';
export type { GuardToolsOptions } from './tools/guard-tools.js';
export type { OnBlock, ProposedToolCall, WrapOptions } from './models/judge.js';
export { wrapOpenAI, type OpenAILike } from './openai/wrap-openai.js';
export { wrapAnthropic, type AnthropicLike } from './anthropic/wrap-anthropic.js';
export type { AllowVerdict, Approval, BlockVerdict, SignedApproval, Verdict, VerdictBasis } from './verdict.js';
export type {
  Action,
  ActionTarget,
  Decision,
  DecisionStatus,
  EvaluateRequest,
  EvaluateResponse,
  Finding,
  KnownActionType,
  MatchedRule,
  Outcome,
  OutcomeRequest,
  RiskFactorName,
} from './types.js';
