/** The console's sections; each names the capability that fills it, so an empty one says why. */
export const SECTIONS = [
  { id: 'status', label: 'Status', pending: undefined },
  { id: 'approvals', label: 'Approvals', pending: undefined },
  { id: 'decisions', label: 'Decisions', pending: undefined },
  { id: 'policies', label: 'Policies', pending: undefined },
  { id: 'agents', label: 'Agents', pending: undefined },
  { id: 'audit', label: 'Audit', pending: undefined },
  { id: 'reports', label: 'Reports', pending: 'compliance evidence exports' },
  { id: 'settings', label: 'Settings', pending: undefined },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];
