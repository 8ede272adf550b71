import { agentsSchemaV2 } from './agents-schema';
import { appendLocalitySchemaV7 } from './append-locality-schema';
import { auditSchemaV1 } from './audit-schema';
import { baselinesSchemaV4 } from './baselines-schema';
import { decisionsSchemaV3 } from './decisions-schema';
import { policiesSchemaV5 } from './policies-schema';
import { settingsSchemaV6 } from './settings-schema';
import type { Migration } from './migration';

export type { Migration } from './migration';

/**
 * Every schema step of portcullis.db, in order, in one place. A capability that needs
 * tables (agents, policies, baselines, decisions) appends its step here with the next
 * version number; steps are never edited or reordered once released.
 */
export const migrations: readonly Migration[] = [auditSchemaV1, agentsSchemaV2, decisionsSchemaV3, baselinesSchemaV4, policiesSchemaV5, settingsSchemaV6, appendLocalitySchemaV7];
