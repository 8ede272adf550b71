import type { Action, ProposedToolCall } from '../../../sdk/src/index';
import { ACTIONS } from './portcullis';
import type { ScriptedCall } from './scripted-model';

/** Tool calls a scripted model proposes, with the verdicts the starter policies give them. */
export const CALLS = {
  /** allow: an internal lookup. */
  lookup: { id: 'call_lookup', name: 'lookup_order', args: { order_id: 'A-1001' } },
  /** block: an AWS key POSTed to an external host (credentials_to_external_host). */
  leak: { id: 'call_leak', name: 'http_post', args: { url: ACTIONS.leak.target.url, body: `deploy key ${ACTIONS.leak.payload.key}` } },
  /** review: a bulk delete in production (bulk_delete_production). */
  bulkDelete: { id: 'call_delete', name: 'delete_customers', args: { count: 25000 } },
} satisfies Record<string, ScriptedCall>;

/** The agent's `describe`: what each tool does beyond its name and arguments. */
export function describeTool(call: Pick<ProposedToolCall, 'name' | 'input'>): Partial<Action> {
  if (call.name === 'http_post') return { type: 'http_request', verb: 'post', target: { url: (call.input as { url: string }).url } };
  if (call.name === 'delete_customers') return { type: 'db_write', verb: 'delete', target: { resource: 'customers', environment: 'production' } };
  return { type: 'db_query', verb: 'select', target: { system: 'orders-db' } };
}

/** A private key in a payload with no external destination: review by risk (payload_sensitivity floor, score 79). */
export const PRIVATE_KEY_PEM = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK',
  'LxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo',
  '-----END RSA PRIVATE KEY-----',
].join('\n');
