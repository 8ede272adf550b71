import type { RiskFactor } from '../../../src-shared/decision';
import { factor, type FactorInput } from '../factor-input';
import { describeFindings, scoreFindings } from '../finding-score';

/** Attack indicators in the payload: prompt injection, exfiltration, SQL/shell/path injection. */
export function threatSignals({ findings, settings }: FactorInput): RiskFactor {
  const result = scoreFindings(findings, true, settings);
  return factor(result.score, describeFindings(result, 'threat'));
}
