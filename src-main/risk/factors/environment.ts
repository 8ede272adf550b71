import type { RiskFactor } from '../../../src-shared/decision';
import { factor, noisyOr, type FactorInput } from '../factor-input';

/**
 * Where the action lands: the target environment's score combined by probabilistic OR with the
 * external-destination score, so production plus an external host outranks either alone.
 */
export function environment({ facts, settings }: FactorInput): RiskFactor {
  const known = settings.environmentScore.get(facts.environment);
  const environmentScore = known ?? settings.raw.environment.unknown_score;
  const destinationScore = facts.destination === 'external' ? settings.raw.environment.external_score : 0;
  const environmentText = known === undefined ? `unknown environment '${facts.environment}'` : `${facts.environment} target`;
  const where =
    facts.destination === 'none'
      ? 'no network destination'
      : `${facts.destination} ${facts.host === undefined ? 'destination' : `host ${facts.host}`}`;
  return factor(noisyOr(environmentScore, destinationScore), `${environmentText}, ${where}`);
}
