import type { RiskFactor } from '../../../src-shared/decision';
import { factor, type FactorInput } from '../factor-input';
import type { SeverityClass } from '../settings';

const LABELS: Record<SeverityClass, string> = {
  delete: 'delete',
  privilege: 'privilege change',
  write: 'write',
  external_call: 'external call',
  read: 'read',
  unknown: 'unclassified',
};

/** How much damage the kind of action can do, independent of its content: delete > privilege > write > external call > read. */
export function actionSeverity({ facts }: FactorInput): RiskFactor {
  return factor(facts.severityScore, `${LABELS[facts.severityClass]} action (${facts.severityBasis})`);
}
