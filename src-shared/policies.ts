import { z } from 'zod';

/** A managed policy module as operators publish and read it (the Rego source plus how it combines). */
export const POLICY_SCOPES = ['org', 'org_unit', 'role', 'agent'] as const;

const id = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'use 1–64 lower-case letters, digits, dot, underscore or hyphen');

export const PolicyDraftSchema = z
  .object({
    id,
    name: z.string().min(1).max(200),
    scope: z.enum(POLICY_SCOPES),
    /** The org unit, role or agent (id or name) the module applies to; absent for `org`. */
    scopeValue: z.string().min(1).max(128).optional(),
    priority: z.number().int().min(-1000).max(1000).default(0),
    guardrail: z.boolean().default(false),
    mode: z.enum(['enforce', 'shadow']).default('enforce'),
    source: z.string().min(1).max(256 * 1024),
  })
  .strict()
  .refine((p) => (p.scope === 'org') === (p.scopeValue === undefined), {
    message: 'scopeValue is required for org_unit, role and agent scopes, and not allowed for org',
    path: ['scopeValue'],
  })
  .refine((p) => !p.guardrail || p.scope === 'org', { message: 'only org-scope modules can be guardrails', path: ['guardrail'] });

export type PolicyDraft = z.input<typeof PolicyDraftSchema>;

export const PolicyVersionSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  package: z.string(),
  scope: z.enum(POLICY_SCOPES),
  scopeValue: z.string().optional(),
  priority: z.number().int(),
  guardrail: z.boolean(),
  mode: z.enum(['enforce', 'shadow']),
  source: z.string(),
  author: z.string(),
  createdAt: z.string(),
  retired: z.boolean(),
});

export type PolicyVersion = z.infer<typeof PolicyVersionSchema>;
