/**
 * Decision-pipeline types shared by the engine, the operator API, the renderer and the SDK.
 * The 33 finding types and their categories are the product's classification vocabulary.
 */

export const FINDING_TYPES = {
  PII: ['EMAIL', 'PHONE', 'US_SSN', 'PASSPORT', 'DATE_OF_BIRTH', 'STREET_ADDRESS', 'IP_ADDRESS'],
  FIN: ['CREDIT_CARD', 'IBAN', 'SWIFT_BIC', 'US_BANK_ROUTING', 'BANK_ACCOUNT'],
  HEALTH: ['MEDICAL_RECORD', 'NPI', 'ICD10_CODE'],
  SECRET: [
    'AWS_ACCESS_KEY', 'AWS_SECRET_KEY', 'GITHUB_TOKEN', 'GITLAB_TOKEN', 'SLACK_TOKEN', 'STRIPE_KEY',
    'OPENAI_KEY', 'ANTHROPIC_KEY', 'PRIVATE_KEY', 'JWT', 'PASSWORD', 'CONNECTION_STRING', 'GENERIC_SECRET',
  ],
  THREAT: ['PROMPT_INJECTION', 'EXFILTRATION', 'SQL_INJECTION', 'PATH_TRAVERSAL', 'SHELL_INJECTION'],
} as const;

export type FindingCategory = keyof typeof FINDING_TYPES;
export type FindingType = (typeof FINDING_TYPES)[FindingCategory][number];

/** One classifier hit. Offsets are UTF-16 code units into the scanned text, end exclusive. */
export interface Finding {
  type: FindingType;
  start: number;
  end: number;
  confidence: number;
  /** JSON path of the string the span lies in, when the payload was JSON (e.g. `$.args.query`). */
  path?: string;
}

export const RISK_FACTORS = [
  'action_severity',
  'payload_sensitivity',
  'temporal_deviation',
  'environment',
  'behavioral_deviation',
  'sequence_correlation',
  'threat_signals',
] as const;

export type RiskFactorName = (typeof RISK_FACTORS)[number];

export interface RiskFactor {
  /** 0–100 */
  score: number;
  /** One line a human can read: why this factor scored what it did. */
  explanation: string;
}

export interface RiskAssessment {
  /** Composite 0–100. */
  score: number;
  factors: Record<RiskFactorName, RiskFactor>;
  /** The risk model's own verdict from the thresholds. */
  outcome: 'allow' | 'review' | 'block';
}

export type Verdict = 'allow' | 'block' | 'review';
