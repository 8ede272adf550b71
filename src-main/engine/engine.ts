import { accessSync, constants } from 'node:fs';
import type { EngineCheck } from '../../src-shared/operator-api';
import { createAgentRegistry, type AgentRegistry } from '../agents/registry';
import { openAuditLog, type AuditLog } from '../audit/audit-log';
import { GroupCommitter } from '../audit/group-commit';
import type { PassphraseSource } from '../audit/instance-key';
import { BaselineStore } from '../baseline/baseline-store';
import { SequenceStore } from '../baseline/sequence-store';
import { ReviewQueue } from '../hitl/review-queue';
import { createMetrics, type Metrics } from '../metrics/metrics';
import { PolicyLibrary } from '../policies/library';
import { findStarterDir, readStarterLibrary } from '../policies/starter';
import { RiskSettingsService } from '../risk/settings-service';
import { parseWindow } from '../risk/window';
import { sqliteAgentRepository } from '../store/agent-repository';
import { sqliteBaselineRepository } from '../store/baseline-repository';
import { openStore, type Store, type SynchronousMode } from '../store/database';
import { sqliteDecisionRepository, type DecisionRepository } from '../store/decision-repository';
import { sqlitePolicyRepository } from '../store/policy-repository';
import { sqliteSettingsRepository } from '../store/settings-repository';
import { lockDataDir } from './data-dir';
import { createDecider, type Decider } from './decide';

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
  /** Starter policy library seeded into a new data directory; null seeds nothing. */
  starterDir?: string | null;
  /** How long a review waits for a human before it expires to block (default 10 min). */
  reviewTtlMs?: number;
  log?: (line: string) => void;
}

/**
 * The engine: everything the desktop app and the headless service share, opened once per
 * data directory. Transports only ever see the operator handlers and the decider.
 */
export interface Engine {
  readonly dataDir: string;
  readonly startedAt: Date;
  readonly store: Store;
  readonly audit: AuditLog;
  readonly agents: AgentRegistry;
  readonly policies: PolicyLibrary;
  readonly decisions: DecisionRepository;
  readonly reviews: ReviewQueue;
  readonly riskSettings: RiskSettingsService;
  readonly metrics: Metrics;
  readonly decider: Decider;
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

const SYSTEM = 'system';
/** Often enough that each background checkpoint copies little and the WAL stays small. */
const WAL_CHECKPOINT_MS = 250;

export function openEngine(options: EngineOptions): Engine {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const lock = lockDataDir(options.dataDir);
  const cleanup: (() => void)[] = [() => lock.release()];
  try {
    // WAL checkpoints run on a worker thread, never inside a decision's commit (see StoreOptions).
    const store = openStore(lock.dir, { synchronous: options.synchronous ?? 'NORMAL', backgroundCheckpointMs: WAL_CHECKPOINT_MS });
    cleanup.unshift(() => store.close());
    const audit = openAuditLog(store, {
      dataDir: lock.dir,
      ...(options.keyFile ? { keyFile: options.keyFile } : {}),
      ...(options.passphrase ? { passphrase: options.passphrase } : {}),
      ...(options.checkpointEvery ? { checkpointEvery: options.checkpointEvery } : {}),
      ...(options.checkpointIntervalMs !== undefined ? { checkpointIntervalMs: options.checkpointIntervalMs } : {}),
      onSinkError: (error) => log(`checkpoint copy failed: ${String(error)}`),
    });
    cleanup.unshift(() => audit.close());
    const audited = (kind: 'agent_change' | 'policy_change') => (change: object, apply: () => void) => {
      audit.appendWith(kind, { ...change }, () => apply());
    };
    const agents = createAgentRegistry({ repository: sqliteAgentRepository(store.db), commit: audited('agent_change'), checkWindow: windowProblem });
    const policies = new PolicyLibrary({ repository: sqlitePolicyRepository(store.db), commit: audited('policy_change') });
    const starterDir = options.starterDir === undefined ? findStarterDir() : options.starterDir;
    if (policies.isEmpty() && starterDir) {
      const starter = readStarterLibrary(starterDir);
      policies.publishData(starter.data, `${SYSTEM}:starter`);
      for (const module of starter.modules) policies.publish(module, `${SYSTEM}:starter`);
    }
    const decisions = sqliteDecisionRepository(store.db);
    const reviews = new ReviewQueue({
      repository: decisions,
      commit: (kind, body, apply) => audit.appendWith(kind, body, apply),
    });
    const settings = sqliteSettingsRepository(store.db);
    const riskSettings = new RiskSettingsService({
      initial: settings.load('risk'),
      audit: (kind, body, next) => audit.appendWith(kind, { ...body }, () => settings.save('risk', next)),
    });
    const baselines = new BaselineStore(sqliteBaselineRepository(store.db), {
      onInvalidSnapshot: (agentId, error) => log(`baseline of agent ${agentId} was unreadable and is relearned: ${String(error)}`),
    });
    const sequences = new SequenceStore();
    const metrics = createMetrics(() => reviews.depth());
    const committer = new GroupCommitter(audit, metrics.observeCommit);
    cleanup.unshift(() => committer.flush());
    const decider = createDecider({
      audit,
      commit: (append) => committer.submit(append),
      decisions,
      reviews,
      policies,
      riskSettings: () => riskSettings.current(),
      baselines,
      sequences,
      reviewTtlMs: options.reviewTtlMs ?? 10 * 60_000,
      observe: metrics.observeDecision,
      log,
    });
    // Off the hot path: expire reviews nobody answered, save baselines that changed.
    const housekeeping = setInterval(() => {
      try {
        reviews.expireDue();
        baselines.flush();
      } catch (error) {
        log(`housekeeping failed: ${String(error)}`);
      }
    }, 1000).unref();
    cleanup.unshift(() => {
      clearInterval(housekeeping);
      baselines.flush();
    });
    reviews.expireDue();

    const startedAt = new Date();
    let closed = false;
    return {
      dataDir: lock.dir,
      startedAt,
      store,
      audit,
      agents,
      policies,
      decisions,
      reviews,
      riskSettings,
      metrics,
      decider,
      checks: () => [dataDirCheck(lock.dir), auditCheck(audit), policyCheck(policies)],
      close: () => {
        if (closed) return;
        closed = true;
        runAll(cleanup);
      },
    };
  } catch (error) {
    runAll(cleanup);
    throw error;
  }
}

/** Runs every step even when one fails, then rethrows the first failure. */
function runAll(steps: (() => void)[]): void {
  let first: unknown;
  for (const step of steps) {
    try {
      step();
    } catch (error) {
      first ??= error;
    }
  }
  if (first !== undefined) throw first;
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

function policyCheck(policies: PolicyLibrary): EngineCheck {
  const active = policies.active();
  const count = active.versions.length;
  return {
    name: 'policies',
    ok: count > 0,
    detail: count > 0 ? `${count} active modules, data version ${active.dataVersion}` : 'no active policy modules: decisions rest on the risk model alone',
  };
}
