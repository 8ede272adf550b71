import type { Action, AgentContext } from '../../src-shared/action';
import type { RiskAssessment, RiskFactorName } from '../../src-shared/decision';
import { RISK_FACTORS } from '../../src-shared/decision';
import type { SequenceView } from '../baseline/sequence-store';
import { EventFlag } from '../baseline/event-ring';
import type { ActionFacts } from '../risk/action-facts';
import { inWindow } from '../risk/window';
import { localTime } from '../risk/zoned-time';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** How many recent actions policies see in `input.history.recent`. */
export const HISTORY_LENGTH = 20;

export interface PolicyInputParts {
  agent: AgentContext;
  action: Action;
  sessionId: string | undefined;
  now: number;
  facts: ActionFacts;
  classification: { findings: { type: string; count: number; max_confidence: number }[]; types: string[] };
  risk: RiskAssessment;
  sequence: SequenceView;
}

function recent(sequence: SequenceView): Record<string, unknown>[] {
  const ring = sequence.session ?? sequence.agent;
  const out: Record<string, unknown>[] = [];
  for (let i = 0; ring && i < HISTORY_LENGTH; i++) {
    const event = ring.recent(i);
    if (!event) break;
    out.push({
      tool: event.tool,
      target: event.target,
      ts: event.at,
      blocked: (event.flags & EventFlag.BLOCKED) !== 0,
      delete: (event.flags & EventFlag.DELETE) !== 0,
      sensitive_read: (event.flags & EventFlag.SENSITIVE_READ) !== 0,
    });
  }
  return out;
}

/**
 * The `input` document policies see (DESIGN §3). Identity comes from the registry, the target's
 * host, environment and external flag from the engine's own resolution (never the agent's claim),
 * time in the agent's zone.
 */
export function buildPolicyInput(parts: PolicyInputParts): Record<string, unknown> {
  const { agent, action, facts, now, risk } = parts;
  const local = localTime(facts.timeZone, now);
  const factors = {} as Record<RiskFactorName, number>;
  for (const name of RISK_FACTORS) factors[name] = risk.factors[name].score;
  return {
    agent: { id: agent.id, name: agent.name, role: agent.role, org_unit: agent.org_unit, environment: agent.environment, tags: agent.tags },
    action: {
      type: action.type,
      tool: action.tool ?? '',
      verb: facts.verb,
      target: {
        ...action.target,
        ...(facts.host === undefined ? {} : { host: facts.host }),
        environment: facts.environment,
        external: facts.destination === 'external',
      },
      ...(action.payload === undefined ? {} : { payload: action.payload }),
    },
    session: { id: parts.sessionId ?? '' },
    time: {
      ns: now * 1_000_000,
      iso: new Date(now).toISOString(),
      hour: Math.floor(local.minuteOfDay / 60),
      weekday: WEEKDAYS[local.weekday],
      timezone: facts.timeZone,
      // No window configured means no restriction; an unreadable one fails closed.
      in_window: facts.windowError !== undefined ? false : facts.window === undefined ? true : inWindow(facts.window, now),
    },
    classification: parts.classification,
    risk: { score: risk.score, factors },
    history: { recent: recent(parts.sequence) },
  };
}
