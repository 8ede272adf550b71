import { createTwoFilesPatch } from 'diff';
import { PolicyDraftSchema, type PolicyDraft, type PolicyVersion } from '../../src-shared/policies';
import { RegoError } from '../policy/engine';
import type { PolicyRepository } from '../store/policy-repository';
import { compileActiveSet, packageOf, type ActivePolicySet } from './active-set';

export class PolicyLibraryError extends Error {
  constructor(
    readonly code: 'invalid_policy' | 'policy_not_found' | 'policy_conflict',
    message: string,
  ) {
    super(message);
  }
}

/** What a `policy_change` audit entry records: who changed what, and the exact diff. */
export interface PolicyChange {
  action: 'publish' | 'retire' | 'data';
  id: string;
  version: number;
  actor: string;
  diff: string;
  meta?: Omit<PolicyVersion, 'source'>;
}

export interface PolicyLibraryDeps {
  repository: PolicyRepository;
  /** Applies the change and appends its `policy_change` entry atomically. */
  commit: (change: PolicyChange, apply: () => void) => void;
  now?: () => Date;
}

const withoutSource = ({ source: _source, ...meta }: PolicyVersion) => meta;

/**
 * The managed policy library: every published version kept, each change compiled before it is
 * accepted (errors block it), audited with its diff, and swapped in as one compiled set.
 */
export class PolicyLibrary {
  private activeSet: ActivePolicySet;
  private readonly now: () => Date;

  constructor(private readonly deps: PolicyLibraryDeps) {
    this.now = deps.now ?? (() => new Date());
    const data = deps.repository.currentData();
    this.activeSet = compileActiveSet(deps.repository.current(), data?.data ?? {}, data?.version ?? 0);
  }

  active(): ActivePolicySet {
    return this.activeSet;
  }

  isEmpty(): boolean {
    return this.activeSet.versions.length === 0 && this.activeSet.dataVersion === 0;
  }

  history(id: string): PolicyVersion[] {
    return this.deps.repository.history(id);
  }

  /** Publishes a new version of a module (or its first). The old versions stay. */
  publish(draft: PolicyDraft, actor: string): PolicyVersion {
    const parsed = PolicyDraftSchema.safeParse(draft);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new PolicyLibraryError('invalid_policy', `${issue?.path.join('.') || 'policy'}: ${issue?.message ?? 'invalid'}`);
    }
    const d = parsed.data;
    const previous = this.deps.repository.latest(d.id);
    const pkg = this.compileCheck(() => packageOf(d.source, `${d.id}.rego`));
    const clash = this.activeSet.versions.find((v) => v.package === pkg && v.id !== d.id);
    if (clash) throw new PolicyLibraryError('policy_conflict', `package ${pkg} is already used by policy '${clash.id}'`);
    const version: PolicyVersion = {
      id: d.id,
      version: (previous?.version ?? 0) + 1,
      name: d.name,
      package: pkg,
      scope: d.scope,
      ...(d.scopeValue === undefined ? {} : { scopeValue: d.scopeValue }),
      priority: d.priority,
      guardrail: d.guardrail,
      mode: d.mode,
      source: d.source,
      author: actor,
      createdAt: this.now().toISOString(),
      retired: false,
    };
    const versions = [...this.activeSet.versions.filter((v) => v.id !== d.id), version];
    const next = this.compileCheck(() => compileActiveSet(versions, this.dataOf(), this.activeSet.dataVersion));
    const diff = createTwoFilesPatch(
      previous ? `${d.id} v${previous.version}` : '/dev/null',
      `${d.id} v${version.version}`,
      previous && !previous.retired ? previous.source : '',
      d.source,
    );
    this.deps.commit({ action: 'publish', id: d.id, version: version.version, actor, diff, meta: withoutSource(version) }, () =>
      this.deps.repository.insert(version),
    );
    this.activeSet = next;
    return version;
  }

  /** Takes a module out of the active set, keeping its history. */
  retire(id: string, actor: string): PolicyVersion {
    const current = this.activeSet.versions.find((v) => v.id === id);
    if (!current) throw new PolicyLibraryError('policy_not_found', `no active policy '${id}'`);
    const retired: PolicyVersion = { ...current, version: current.version + 1, retired: true, author: actor, createdAt: this.now().toISOString() };
    const next = compileActiveSet(this.activeSet.versions.filter((v) => v.id !== id), this.dataOf(), this.activeSet.dataVersion);
    const diff = createTwoFilesPatch(`${id} v${current.version}`, '/dev/null', current.source, '');
    this.deps.commit({ action: 'retire', id, version: retired.version, actor, diff, meta: withoutSource(retired) }, () =>
      this.deps.repository.insert(retired),
    );
    this.activeSet = next;
    return retired;
  }

  /** Replaces the base `data` document policies read their settings from. */
  publishData(data: unknown, actor: string): number {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new PolicyLibraryError('invalid_policy', 'policy data must be a JSON object');
    }
    const version = this.activeSet.dataVersion + 1;
    const next = this.compileCheck(() => compileActiveSet(this.activeSet.versions, data, version));
    const diff = createTwoFilesPatch(
      `data v${this.activeSet.dataVersion}`,
      `data v${version}`,
      `${JSON.stringify(this.dataOf(), null, 2)}\n`,
      `${JSON.stringify(data, null, 2)}\n`,
    );
    const at = this.now().toISOString();
    this.deps.commit({ action: 'data', id: 'data', version, actor, diff }, () =>
      this.deps.repository.insertData(version, data, actor, at),
    );
    this.activeSet = next;
    return version;
  }

  private dataOf(): unknown {
    return this.deps.repository.currentData()?.data ?? {};
  }

  private compileCheck<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (error instanceof RegoError) throw new PolicyLibraryError('invalid_policy', error.message);
      throw error;
    }
  }
}
