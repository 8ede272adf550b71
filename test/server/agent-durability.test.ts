import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EvaluateResponse } from '../../src-shared/agent-api';
import { verifyDataDir } from '../../src-main/audit/verify-store';
import { rawRequest } from '../support/agent-client';
import { registerAgents } from '../support/register-agents';
import { startServeProcess, type ServeProcess } from '../support/serve-process';

/**
 * Durability: `portcullis serve` runs as a child process; a client fires decisions with several
 * in flight; the service is SIGKILLed at a random moment. After a restart on the same data
 * directory (the dead process's lock is taken over), every decision the client received is in the
 * audit log and the decisions table with the verdict it was answered with, the restarted service
 * serves it, and the hash chain verifies.
 */

const ROUNDS = 5;
const IN_FLIGHT = 6;
const ACTIONS = [
  { type: 'db_query', tool: 'sql.query', verb: 'select', target: { system: 'postgres', resource: 'orders' }, payload: { query: 'SELECT id FROM orders LIMIT 10' } },
  { type: 'http_request', tool: 'http.post', verb: 'post', target: { url: 'https://uploads.partner-files.net/in' }, payload: { key: 'AKIAZ7QX4M2NBV5WPLRT' } },
  { type: 'db_write', tool: 'sql.execute', verb: 'delete', target: { resource: 'customers', environment: 'production' }, payload: { count: 25000 } },
];

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Received {
  id: string;
  /** Which agent asked (decisions are per agent). */
  key: string;
  decision: EvaluateResponse['decision'];
  status: EvaluateResponse['status'];
}

/** Fires decisions until `killing` is set; records every decision answered with a 200. */
function fireUntilKilled(service: ServeProcess, keys: string[], received: Received[]) {
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const state = { killing: false, unexpected: [] as string[], done: Promise.resolve() };
  let n = 0;
  const worker = async (w: number) => {
    while (!state.killing) {
      const i = n++;
      const key = keys[i % keys.length] as string;
      const body = JSON.stringify({ action: ACTIONS[i % ACTIONS.length], session_id: `w${w}` });
      try {
        const res = await rawRequest(service.url, {
          method: 'POST',
          path: '/v1/evaluate',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body,
          agent,
          timeoutMs: 15_000,
        });
        if (res.status === 200) {
          const decision = res.json() as EvaluateResponse;
          received.push({ id: decision.decision_id, key, decision: decision.decision, status: decision.status });
        } else {
          state.unexpected.push(`HTTP ${res.status} ${res.body.slice(0, 200)}`);
        }
      } catch (error) {
        // A request cut off by the kill has no answer; any other failure is a finding.
        if (!state.killing) state.unexpected.push(`request failed while the service ran: ${String(error)}`);
      }
    }
  };
  state.done = Promise.all(Array.from({ length: IN_FLIGHT }, (_, w) => worker(w))).then(() => agent.destroy());
  return state;
}

describe('durability under SIGKILL', () => {
  it(`keeps every decision a client received across ${ROUNDS} kills mid-load, with a verifying chain`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'portcullis-durability-'));
    dirs.push(dataDir);
    const keys = registerAgents(dataDir, [
      { name: 'durable-a', role: 'ops' },
      { name: 'durable-b', role: 'ops' },
    ]);
    const all: Received[] = [];
    const perRound: number[] = [];

    /** Decisions the running service does not serve as they were answered. */
    const notServed = async (service: ServeProcess, received: Received[]): Promise<string[]> => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const wrong: string[] = [];
      try {
        for (const r of received) {
          const res = await rawRequest(service.url, { path: `/v1/decisions/${r.id}`, headers: { authorization: `Bearer ${r.key}` }, agent, timeoutMs: 15_000 });
          const served = res.status === 200 ? (res.json() as EvaluateResponse) : undefined;
          if (served?.decision !== r.decision || served.status !== r.status) {
            wrong.push(`${r.id}: served HTTP ${res.status} ${served?.decision}/${served?.status}, answered ${r.decision}/${r.status}`);
          }
        }
      } finally {
        agent.destroy();
      }
      return wrong;
    };

    /** With no service running: the audit log and the decisions table hold every decision received, and the chain verifies. */
    const checkStore = (when: string) => {
      const db = new Database(join(dataDir, 'portcullis.db'), { readonly: true });
      try {
        const audited = new Set(db.prepare("SELECT json_extract(body, '$.decision_id') FROM audit_entries WHERE kind = 'decision'").pluck().all() as string[]);
        const rows = new Map((db.prepare('SELECT id, verdict FROM decisions').all() as { id: string; verdict: string }[]).map((row) => [row.id, row.verdict]));
        const absent = all.filter((r) => !audited.has(r.id)).map((r) => `${r.id} is not in the audit log`);
        const unindexed = all.filter((r) => rows.get(r.id) !== r.decision).map((r) => `${r.id}: decisions table has ${rows.get(r.id)}, answered ${r.decision}`);
        expect([...absent, ...unindexed].slice(0, 10), when).toEqual([]);
        expect(audited.size, `${when}: every decision row has its audit entry`).toBe(rows.size);
      } finally {
        db.close();
      }
      const report = verifyDataDir({ dataDir });
      expect(report.damage, `${when}: ${JSON.stringify(report.damage)}`).toBeUndefined();
    };

    let service = await startServeProcess({ entry: 'source', dataDir });
    for (let round = 0; round < ROUNDS; round++) {
      const received: Received[] = [];
      const load = fireUntilKilled(service, keys, received);
      // Kill at a random moment once the load is flowing: after a random number of answers, then
      // a random delay, so the kill lands anywhere in a decision's life (parsing, deciding, committing, answering).
      const minimum = 10 + Math.floor(Math.random() * 40);
      for (let i = 0; i < 1500 && received.length < minimum && load.unexpected.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, Math.random() * 150));
      load.killing = true;
      expect(await service.stop('SIGKILL')).toBeNull();
      expect(existsSync(join(dataDir, 'portcullis.lock')), 'the killed process left its lock behind').toBe(true);
      await load.done;
      expect(load.unexpected, `round ${round}`).toEqual([]);
      expect(received.length, `round ${round}: decisions answered before the kill`).toBeGreaterThanOrEqual(minimum);
      perRound.push(received.length);
      all.push(...received);

      // What the killed process left on disk is complete and verifies as it is.
      checkStore(`round ${round}, after the kill`);

      // Restart on the same directory: the dead holder's lock is taken over, and the restarted
      // service serves every decision received in this round as it was answered.
      service = await startServeProcess({ entry: 'source', dataDir });
      expect(await notServed(service, received), `round ${round}: after the restart`).toEqual([]);
    }
    expect(await service.stop('SIGTERM')).toBe(0);
    checkStore('after the last restart and a clean stop');
    const reviews = all.filter((r) => r.decision === 'review').length;
    console.info(`durability: ${ROUNDS} rounds, ${perRound.join('+')} = ${all.length} decisions received and found after restart (${reviews} reviews)`);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    expect(all.some((r) => r.decision === 'allow') && all.some((r) => r.decision === 'block') && reviews > 0).toBe(true);
  }, 120_000);
});
