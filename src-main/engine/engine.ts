import { accessSync, constants } from 'node:fs';
import type { EngineCheck } from '../../src-shared/operator-api';
import { createAgentRegistry, type AgentRegistry } from '../agents/registry';
import { openAuditLog, type AuditLog } from '../audit/audit-log';
import type { PassphraseSource } from '../audit/instance-key';
import { parseWindow } from '../risk/window';
import { sqliteAgentRepository } from '../store/agent-repository';
import { openStore, type Store, type SynchronousMode } from '../store/database';
import { lockDataDir } from './data-dir';

export interface EngineOptions {
  dataDir: string;
  /** Instance key file; default `<dataDir>/instance.key`. */
  keyFile?: string;
  /** Decrypts the instance key when it is stored encrypted. */
  passphrase?: PassphraseSource;
  /** FULL: every decision fsynced before it is answered (power-loss durability). */
  synchronous?: SynchronousMode;
  checkpointEvery?: number;
  checkpointIntervalMs?: number;
}

/**
 * The engine: everything the desktop app and the headless service share, opened once per
 * data directory. Capabilities attach here; transports only ever see the operator handlers.
 */
export interface Engine {
  readonly dataDir: string;
  readonly startedAt: Date;
  readonly store: Store;
  readonly audit: AuditLog;
  readonly agents: AgentRegistry;
  checks(): EngineCheck[];
  close(): void;
}

const windowProblem = (window: string): string | undefined => {
  try {
    parseWindow(window);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};

export function openEngine(options: EngineOptions): Engine {
  const lock = lockDataDir(options.dataDir);
  const opened: { close(): void }[] = [];
  try {
    const store = openStore(lock.dir, { synchronous: options.synchronous ?? 'NORMAL' });
    opened.push(store);
    const audit = openAuditLog(store, {
      dataDir: lock.dir,
      ...(options.keyFile ? { keyFile: options.keyFile } : {}),
      ...(options.passphrase ? { passphrase: options.passphrase } : {}),
      ...(options.checkpointEvery ? { checkpointEvery: options.checkpointEvery } : {}),
      ...(options.checkpointIntervalMs !== undefined ? { checkpointIntervalMs: options.checkpointIntervalMs } : {}),
    });
    const agents = createAgentRegistry({
      repository: sqliteAgentRepository(store.db),
      commit: (change, apply) => {
        audit.appendWith('agent_change', { ...change }, () => apply());
      },
      checkWindow: windowProblem,
    });
    const startedAt = new Date();
    let closed = false;
    return {
      dataDir: lock.dir,
      startedAt,
      store,
      audit,
      agents,
      checks: () => [dataDirCheck(lock.dir), auditCheck(audit)],
      close: () => {
        if (closed) return;
        closed = true;
        try {
          audit.close();
        } finally {
          store.close();
          lock.release();
        }
      },
    };
  } catch (error) {
    for (const resource of opened.reverse()) resource.close();
    lock.release();
    throw error;
  }
}

function dataDirCheck(dir: string): EngineCheck {
  try {
    accessSync(dir, constants.R_OK | constants.W_OK);
    return { name: 'data directory', ok: true, detail: `${dir} is readable and writable` };
  } catch (error) {
    return { name: 'data directory', ok: false, detail: `${dir}: ${(error as Error).message}` };
  }
}

function auditCheck(audit: AuditLog): EngineCheck {
  return { name: 'audit log', ok: true, detail: `${audit.size} entries, signing key ${audit.keyLabel}` };
}
