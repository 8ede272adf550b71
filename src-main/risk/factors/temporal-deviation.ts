import type { RiskFactor } from '../../../src-shared/decision';
import { isLearning, type AgentBaseline } from '../../baseline/agent-baseline';
import { factor, noisyOr, type FactorInput } from '../factor-input';
import { inWindow } from '../window';
import { localTime } from '../zoned-time';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** An hour is unusual when its smoothed share is below half of an even spread over 24 hours. */
const UNUSUAL_BELOW = 0.5;

/**
 * This hour's share of the agent's past actions, relative to an even spread (1 = average hour).
 * Neighbouring hours count half, so 18:05 is not unusual for an agent that works until 17:59.
 */
function hourShareRatio(baseline: AgentBaseline, hour: number): number {
  const total = baseline.observations;
  if (total === 0) return 0;
  const hours = baseline.hours;
  const smoothed = 0.25 * (hours[(hour + 23) % 24] ?? 0) + 0.5 * (hours[hour] ?? 0) + 0.25 * (hours[(hour + 1) % 24] ?? 0);
  return (smoothed / total) * 24;
}

function clock(minuteOfDay: number): string {
  const h = Math.floor(minuteOfDay / 60);
  const m = minuteOfDay % 60;
  return `${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}`;
}

/**
 * Acting outside the agent's operating window, or at an hour this agent rarely acts; both
 * together combine by probabilistic OR.
 */
export function temporalDeviation({ facts, baseline, now, settings }: FactorInput): RiskFactor {
  const { outside_window: outsideScore, unusual_hour: unusualScore } = settings.raw.temporal;
  const local = localTime(facts.timeZone, now);
  const when = `${WEEKDAYS[local.weekday]} ${clock(local.minuteOfDay)} ${facts.timeZone}`;

  let windowScore = 0;
  let windowText: string;
  if (facts.windowError !== undefined) {
    windowScore = outsideScore;
    windowText = `operating window unreadable (${facts.windowError}), treated as outside`;
  } else if (facts.window === undefined) {
    windowText = 'no operating window';
  } else if (inWindow(facts.window, now)) {
    windowText = `inside window '${facts.window.source}'`;
  } else {
    windowScore = outsideScore;
    windowText = `outside window '${facts.window.source}'`;
  }

  let hourScore = 0;
  let hourText: string;
  const { min_observations: minObservations, min_span_hours: minSpanHours } = settings.raw.baseline;
  if (baseline === undefined || isLearning(baseline, { minObservations, minSpanHours })) {
    hourText = 'hour not judged while the baseline is learning';
  } else {
    const ratio = hourShareRatio(baseline, Math.floor(local.minuteOfDay / 60));
    if (ratio < UNUSUAL_BELOW) {
      hourScore = unusualScore * (1 - ratio / UNUSUAL_BELOW);
      hourText = `unusual hour for this agent (${ratio.toFixed(2)}× an average hour)`;
    } else {
      hourText = `usual hour for this agent`;
    }
  }
  return factor(noisyOr(windowScore, hourScore), `${when}: ${windowText}; ${hourText}`);
}
