import { z } from 'zod';

/** Names operators type and read in logs: no spaces, no control characters, no look-alike tricks. */
const identifier = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'use 1–64 letters, digits, dot, underscore or hyphen, starting with a letter or digit');

export const AGENT_ENVIRONMENTS = ['production', 'staging', 'dev'] as const;

/** What an operator supplies to register an agent (CLI `agent add`, the console). */
export const NewAgentSchema = z
  .object({
    name: identifier,
    role: identifier,
    org_unit: identifier.default('default'),
    // Unknown means production: the riskier assumption is the safe default.
    environment: z.enum(AGENT_ENVIRONMENTS).default('production'),
    window: z.string().min(1).max(200).optional(),
    tags: z.array(identifier).max(32).default([]),
  })
  .strict();

export type NewAgent = z.input<typeof NewAgentSchema>;

/** An agent as operators see it: never the key, only its displayable prefix. */
export const AgentSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  org_unit: z.string(),
  environment: z.string(),
  tags: z.array(z.string()),
  window: z.string().optional(),
  keyPrefix: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  revokedAt: z.string().optional(),
  revokedBy: z.string().optional(),
});

export type AgentSummary = z.infer<typeof AgentSummarySchema>;
