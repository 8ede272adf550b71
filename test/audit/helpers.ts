import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAuditLog } from '../../src-main/audit/audit-log';
import type { AuditLog, AuditLogOptions } from '../../src-main/audit/audit-log';
import { openStore } from '../../src-main/store/database';
import type { Store, StoreOptions } from '../../src-main/store/database';

const made: string[] = [];

export function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portcullis-audit-'));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface OpenLog {
  store: Store;
  log: AuditLog;
  close(): void;
}

export function openLog(dataDir: string, options: Partial<AuditLogOptions> = {}, storeOptions: StoreOptions = {}): OpenLog {
  const store = openStore(dataDir, storeOptions);
  const log = openAuditLog(store, { checkpointIntervalMs: 0, ...options, dataDir });
  return {
    store,
    log,
    close() {
      log.close();
      store.close();
    },
  };
}

/** A decision body shaped like the pipeline's, varied by i. */
export function decisionBody(i: number): Record<string, unknown> {
  return {
    agent: { id: `agt_${i % 7}`, role: 'finance', environment: i % 3 === 0 ? 'prod' : 'staging' },
    action: { type: 'http', verb: 'POST', target: { system: 'crm', resource: `/v1/customers/${i}` } },
    decision: ['allow', 'review', 'block'][i % 3],
    risk: { score: (i * 37) % 100, factors: { action_severity: i % 100, payload_sensitivity: (i * 3) % 100 } },
    rules: [{ rule: 'org.default', reason: `matched ${i}` }],
  };
}
