import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as AppAction from '../../src-shared/action';
import * as App from '../../src-shared/agent-api';
import type { RuleMatch } from '../../src-shared/policy';
import type * as Sdk from '../../sdk/src/types';
import { isEvaluateResponse } from '../../sdk/src/validate';
import { ACTIONS, startRealPortcullis, type RealPortcullis } from './support/portcullis';

/**
 * The SDK mirrors the wire contract instead of importing it (it is published alone). The type
 * checks below fail `npm run typecheck` when the mirror and `src-shared` drift apart; the runtime
 * checks hold the SDK's hand-written validator to what the real service sends.
 */

type Assignable<From, To> = [From] extends [To] ? true : false;
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;

// What the SDK sends, the service accepts.
const requestFits: Assignable<Sdk.EvaluateRequest, App.EvaluateRequest> = true;
const outcomeFits: Assignable<Sdk.OutcomeRequest, App.OutcomeRequest> = true;
const actionFits: Assignable<Sdk.Action, AppAction.Action> = true;
const targetFits: Assignable<Sdk.ActionTarget, AppAction.ActionTarget> = true;
// What the service answers, the SDK reads.
const responseFits: Assignable<App.EvaluateResponse, Sdk.EvaluateResponse> = true;
const ruleFits: Assignable<RuleMatch, Sdk.MatchedRule> = true;
const statusFits: Assignable<App.DecisionStatus, Sdk.DecisionStatus> = true;
const actionBack: Assignable<AppAction.Action, Sdk.Action> = true;
// No field added on one side only.
const sameKeys: [
  SameKeys<Sdk.Action, AppAction.Action>,
  SameKeys<Sdk.ActionTarget, AppAction.ActionTarget>,
  SameKeys<Sdk.EvaluateRequest, App.EvaluateRequest>,
  SameKeys<Sdk.OutcomeRequest, App.OutcomeRequest>,
  SameKeys<Sdk.EvaluateResponse, App.EvaluateResponse>,
  SameKeys<Sdk.MatchedRule, RuleMatch>,
  SameKeys<Sdk.EvaluateResponse['risk'], App.EvaluateResponse['risk']>,
] = [true, true, true, true, true, true, true];
const outcomesMatch: Assignable<Sdk.Outcome, (typeof App.OUTCOMES)[number]> & Assignable<(typeof App.OUTCOMES)[number], Sdk.Outcome> = true;

let real: RealPortcullis;
beforeAll(async () => {
  real = await startRealPortcullis();
});
afterAll(async () => {
  await real?.close();
});

describe('the SDK wire mirror', () => {
  it('compiles only while it matches src-shared (the constants above are the test)', () => {
    expect([requestFits, outcomeFits, actionFits, targetFits, responseFits, ruleFits, statusFits, actionBack, outcomesMatch, ...sameKeys]).not.toContain(false);
  });

  it("the service's zod schema accepts the actions the SDK tests send", () => {
    for (const action of Object.values(ACTIONS)) {
      expect(App.EvaluateRequestSchema.safeParse({ action, session_id: 's-1' } satisfies Sdk.EvaluateRequest).success).toBe(true);
    }
  });

  it("the SDK's validator accepts every kind of real answer, and rejects it once a field it reads is broken", async () => {
    const key = real.newAgentKey();
    for (const action of Object.values(ACTIONS)) {
      const res = await fetch(`${real.url}/v1/evaluate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ action }),
      });
      const body = (await res.json()) as Record<string, unknown>;
      expect(isEvaluateResponse(body)).toBe(true);
      for (const broken of [{ decision: 'maybe' }, { status: 'done' }, { decision_id: '' }, { reasons: 'x' }, { matched_rules: [{ rule: 1 }] }]) {
        expect(isEvaluateResponse({ ...body, ...broken })).toBe(false);
      }
    }
  });
});
