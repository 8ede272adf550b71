import type { EvaluateRequest } from '../../src-shared/agent-api';
import { between, pick, seededRandom, type Random } from './random';

/**
 * Agent-like traffic for the benchmark: tool arguments, SQL, emails, API calls, each request
 * body 1–4 KB, mostly routine (allowed) with a few that the starter policies block or send to
 * review. Deterministic for a seed, so every placement and mode sees the same requests.
 */

const WORDS = (
  'customer order refund invoice ticket shipment account status update follow escalate priority ' +
  'billing renewal plan annual monthly region warehouse carrier tracking delayed resolved pending ' +
  'confirmed replacement discount credit note summary agent review internal team queue backlog'
).split(' ');

const FIRST = ['jane', 'omar', 'li', 'priya', 'lukas', 'ana', 'kwame', 'sofia'];
const LAST = ['doe', 'haddad', 'wei', 'nair', 'berger', 'silva', 'mensah', 'rossi'];

function sentence(random: Random, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(pick(random, WORDS));
  const text = out.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** Prose of about `bytes` characters. */
function prose(random: Random, bytes: number): string {
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    const s = sentence(random, between(random, 6, 16));
    parts.push(s);
    length += s.length + 1;
  }
  return parts.join(' ').slice(0, Math.max(0, bytes));
}

const person = (random: Random) => `${pick(random, FIRST)}.${pick(random, LAST)}`;

type Shape = (random: Random, filler: number) => EvaluateRequest['action'];

const ticketUpdate: Shape = (random, filler) => ({
  type: 'tool_call',
  tool: 'crm.ticket.update',
  verb: 'update',
  target: { system: 'crm', host: 'crm.internal', resource: 'tickets' },
  payload: { id: between(random, 1000, 99_999), status: pick(random, ['open', 'pending', 'resolved']), assignee: person(random), note: prose(random, filler) },
});

const knowledgeSearch: Shape = (random, filler) => ({
  type: 'tool_call',
  tool: 'kb.search',
  verb: 'search',
  target: { system: 'kb', host: 'kb.internal' },
  payload: { q: sentence(random, 8), limit: 5, context: [prose(random, filler / 2), prose(random, filler / 2)] },
});

const sqlSelect: Shape = (random, filler) => {
  const columns = Array.from({ length: between(random, 4, 12) }, () => `o.${pick(random, WORDS)}_${between(random, 1, 9)}`);
  const filters = Array.from({ length: Math.max(1, Math.floor(filler / 32)) }, () => `o.${pick(random, WORDS)} = '${pick(random, WORDS)}'`);
  return {
    type: 'db_query',
    tool: 'sql.query',
    verb: 'select',
    target: { system: 'postgres', host: 'db.internal', resource: 'orders' },
    payload: { sql: `SELECT ${columns.join(', ')} FROM orders o JOIN customers c ON c.id = o.customer_id WHERE ${filters.join(' AND ')} ORDER BY o.created_at DESC LIMIT 50`, params: [between(random, 1, 1e6)] },
  };
};

const internalEmail: Shape = (random, filler) => ({
  type: 'email',
  tool: 'email.send',
  verb: 'send',
  target: { system: 'smtp', host: 'smtp.internal' },
  payload: { to: `${person(random)}@corp.example`, subject: sentence(random, 6), body: prose(random, filler) },
});

const internalApi: Shape = (random, filler) => ({
  type: 'http_request',
  tool: 'http.post',
  verb: 'post',
  target: { url: `https://inventory.internal/v2/items/${between(random, 1, 9999)}`, host: 'inventory.internal' },
  payload: { items: Array.from({ length: Math.max(1, Math.floor(filler / 90)) }, () => ({ sku: `SKU-${between(random, 10_000, 99_999)}`, qty: between(random, 1, 40), note: sentence(random, 5) })) },
});

/** Blocked by the starter policy `credentials`: a cloud key bound for an external host. */
const credentialLeak: Shape = (random, filler) => ({
  type: 'http_request',
  tool: 'http.post',
  verb: 'post',
  target: { url: 'https://uploads.partner-files.net/in', external: true },
  payload: { note: prose(random, filler), key: 'AKIAZ7QX4M2NBV5WPLRT' },
});

/** Blocked by `pii_external`: personal data to an external endpoint. */
const piiExternal: Shape = (random, filler) => ({
  type: 'http_request',
  tool: 'http.post',
  verb: 'post',
  target: { url: 'https://hooks.partner-analytics.io/v1/ingest', external: true },
  payload: { contact: `${person(random)}@acme-mail.com`, phone: '+1 (415) 555-0134', notes: prose(random, filler) },
});

/** Review by `bulk_delete`: more records than the configured minimum. */
const bulkDelete: Shape = (random, filler) => ({
  type: 'db_write',
  tool: 'sql.execute',
  verb: 'delete',
  target: { system: 'postgres', resource: 'customers', environment: 'production' },
  payload: { count: between(random, 500, 50_000), reason: prose(random, filler) },
});

/** Review by `finance`: a payment above the review threshold. */
const largeTransfer: Shape = (random, filler) => ({
  type: 'tool_call',
  tool: 'payments.transfer',
  verb: 'transfer',
  target: { system: 'payments', host: 'payments.internal' },
  payload: { amount: between(random, 20_000, 90_000), currency: 'USD', memo: prose(random, filler) },
});

/** Cumulative weights and who sends it: ~92% routine, ~5% leaks (blocked), ~3% for review. */
const MIX: [number, Shape, 'routine' | 'leak' | 'review'][] = [
  [0.3, ticketUpdate, 'routine'],
  [0.5, knowledgeSearch, 'routine'],
  [0.68, sqlSelect, 'routine'],
  [0.83, internalEmail, 'routine'],
  [0.92, internalApi, 'routine'],
  [0.95, credentialLeak, 'leak'],
  [0.97, piiExternal, 'leak'],
  [0.99, bulkDelete, 'review'],
  [1, largeTransfer, 'review'],
];

/**
 * Routine traffic comes from ROUTINE_AGENTS agents (by session); leaks from one more agent and
 * review-worthy actions from another. One agent sending everything would soon be blocked
 * outright by the risk model's sequence factor (repeated blocked attempts), which is not the
 * traffic of a healthy fleet.
 */
export const ROUTINE_AGENTS = 8;
const LEAKY_AGENT = ROUTINE_AGENTS;
const REVIEW_AGENT = ROUTINE_AGENTS + 1;
export const AGENT_COUNT = ROUTINE_AGENTS + 2;

export interface BenchRequest {
  body: EvaluateRequest;
  /** The serialised body, as sent. */
  json: string;
  /** Which of the AGENT_COUNT bench agents sends it. */
  agent: number;
}

const MIN_BYTES = 1024;
const MAX_BYTES = 4096;

/** `count` requests, each between 1 and 4 KB serialised; sessions of ~20 actions. */
export function generateRequests(count: number, seed = 42): BenchRequest[] {
  const random = seededRandom(seed);
  const out: BenchRequest[] = [];
  for (let i = 0; i < count; i++) {
    const roll = random();
    const [, shape, kind] = MIX.find(([upTo]) => roll < upTo) ?? (MIX[0] as (typeof MIX)[number]);
    const target = between(random, MIN_BYTES, MAX_BYTES);
    const sessionNo = Math.floor(i / 20);
    const session = `sess-${seed}-${sessionNo}`;
    // The other fields vary in size: adjust the filler until the body lands in range.
    const build = (filler: number): EvaluateRequest => ({ action: shape(seededRandom(seed * 1_000_003 + i), Math.max(32, filler)), session_id: session });
    let filler = target / 2;
    let body = build(filler);
    let json = JSON.stringify(body);
    for (let attempt = 0; attempt < 6 && (json.length < MIN_BYTES || json.length > MAX_BYTES || attempt === 0); attempt++) {
      filler += target - json.length;
      body = build(filler);
      json = JSON.stringify(body);
    }
    out.push({ body, json, agent: kind === 'leak' ? LEAKY_AGENT : kind === 'review' ? REVIEW_AGENT : sessionNo % ROUTINE_AGENTS });
  }
  return out;
}
