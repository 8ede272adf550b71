/**
 * The action an agent proposes and the agent it comes from, as the decision pipeline sees them
 * (DESIGN §3 `input.action` and `input.agent`). Single source for the engine, the server and the SDK,
 * so this file holds types only: no runtime dependency the SDK would have to carry.
 */

/**
 * Where an action lands. Every field is optional because agents describe targets unevenly;
 * the engine derives what it can (e.g. the host from the URL) and never trusts `external: false`
 * over its own internal/external lists.
 */
export interface ActionTarget {
  /** Logical system, e.g. `postgres`, `github`, `s3`, `smtp`. */
  system?: string;
  /** What inside the system, e.g. a table, a repository, a bucket key, a file path. */
  resource?: string;
  url?: string;
  /** Host name or IP literal (IPv6 with or without brackets). */
  host?: string;
  /** Environment of the target (`production`, `staging`, `dev`…); defaults to the agent's. */
  environment?: string;
  /** The agent's own claim that the destination is outside the organisation. */
  external?: boolean;
}

/**
 * Well-known action types. Others are accepted: the vocabulary is open so a new integration
 * does not need an engine release; the risk settings map unknown types to a default severity.
 */
export type KnownActionType = 'tool_call' | 'http_request' | 'db_query' | 'db_write' | 'shell' | 'email' | 'file';

export interface Action {
  type: KnownActionType | (string & {});
  /** Tool name as the agent framework calls it, e.g. `sql.execute`, `send_email`. */
  tool?: string;
  /** What the action does: `read`, `write`, `delete`, `grant`, an HTTP method, a SQL verb… */
  verb?: string;
  target?: ActionTarget;
  /** Arguments or body as sent by the agent; classified as text or JSON. */
  payload?: unknown;
}

/**
 * The agent's identity as the registry knows it. Never taken from a request body:
 * the server resolves it from the API key.
 */
export interface AgentContext {
  id: string;
  name: string;
  role: string;
  org_unit: string;
  /** `production`, `staging`, `dev`… */
  environment: string;
  tags: string[];
  /**
   * Operating window, e.g. `Mon-Fri 08:00-18:00 Europe/Berlin`. Absent: the risk settings may
   * supply one per role or a default; with none at all, time of day is judged by the baseline only.
   */
  window?: string;
}
