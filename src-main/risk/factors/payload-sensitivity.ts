import type { RiskFactor } from '../../../src-shared/decision';
import { factor, type FactorInput } from '../factor-input';
import { describeFindings, scoreFindings } from '../finding-score';

/** Sensitive data in the payload (PII, financial, health, secrets), from the classifier's findings. */
export function payloadSensitivity({ findings, settings }: FactorInput): RiskFactor {
  const result = scoreFindings(findings, false, settings);
  return factor(result.score, describeFindings(result, 'sensitive'));
}
