import type { AgentContext } from '../../src-shared/action';
import type { PolicyVersion } from '../../src-shared/policies';
import type { ModuleEvaluation, PolicyModuleMeta } from '../../src-shared/policy';
import { PolicyEngine } from '../policy/engine';
import { parseModule } from '../policy/parser';
import { toJSON } from '../policy/value';

/** The published modules compiled together once, indexed by scope for the hot path. */
export interface ActivePolicySet {
  readonly versions: readonly PolicyVersion[];
  readonly dataVersion: number;
  /** The modules that apply to this agent: org-wide plus its org unit, role and own modules. */
  applicable(agent: AgentContext): PolicyModuleMeta[];
  evaluate(agent: AgentContext, input: unknown): ModuleEvaluation[];
  /** OPA Data API: the value at data.<path> for this input (undefined when undefined). */
  query(path: readonly string[], input: unknown): { result?: unknown; error?: { code: string; message: string } };
}

/** The package a module's source declares, which is where its deny/review/allow live. */
export function packageOf(source: string, file: string): string {
  return parseModule(source, file).pkg.join('.');
}

const fileName = (v: PolicyVersion) => `${v.id}.v${v.version}.rego`;

/** Compiles modules and data; throws RegoError with file:row:col on the first problem. */
export function compileActiveSet(given: readonly PolicyVersion[], data: unknown, dataVersion: number): ActivePolicySet {
  // One order however the set was assembled (published just now, or read back after a restart).
  const versions = [...given].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const engine = PolicyEngine.compile(
    versions.map((v) => ({ file: fileName(v), source: v.source })),
    data,
  );
  const metaOf = (v: PolicyVersion): PolicyModuleMeta => ({
    id: v.id,
    package: v.package,
    scope: v.scope,
    priority: v.priority,
    guardrail: v.guardrail,
    shadow: v.mode === 'shadow',
  });
  const org: PolicyModuleMeta[] = [];
  const scoped = { org_unit: new Map<string, PolicyModuleMeta[]>(), role: new Map<string, PolicyModuleMeta[]>(), agent: new Map<string, PolicyModuleMeta[]>() };
  for (const v of versions) {
    if (v.scope === 'org') {
      org.push(metaOf(v));
      continue;
    }
    const map = scoped[v.scope];
    const list = map.get(v.scopeValue ?? '') ?? [];
    list.push(metaOf(v));
    map.set(v.scopeValue ?? '', list);
  }
  const applicable = (agent: AgentContext): PolicyModuleMeta[] => [
    ...org,
    ...(scoped.org_unit.get(agent.org_unit) ?? []),
    ...(scoped.role.get(agent.role) ?? []),
    ...(scoped.agent.get(agent.id) ?? []),
    ...(agent.name !== agent.id ? (scoped.agent.get(agent.name) ?? []) : []),
  ];
  return {
    versions,
    dataVersion,
    applicable,
    evaluate: (agent, input) => engine.evaluateModules(applicable(agent), input),
    query(path, input) {
      const r = engine.program.evalPath(path, {
        ...(input === undefined ? {} : { input: PolicyEngine.input(input) }),
        strict: true,
        limits: { maxSteps: 1_000_000, timeoutMs: 1000 },
      });
      if (r.error) return { error: { code: r.error.code, message: r.error.message } };
      return r.value === undefined ? {} : { result: toJSON(r.value) };
    },
  };
}
