/**
 * Facts about one action that several factors and the state update share: severity class,
 * destination, environment, the agent's operating window. Computed once per decision.
 */
import type { Action, AgentContext } from '../../src-shared/action';
import type { CompiledRiskSettings } from './compiled-settings';
import { resolveDestination, targetHost, type Destination } from './destination';
import type { SeverityClass } from './settings';
import { parseWindow, type OperatingWindow } from './window';

export interface ActionFacts {
  severityClass: SeverityClass;
  severityScore: number;
  /** What decided the severity, for the explanation: `tool 'x'`, `verb 'delete'`, `type 'email'`… */
  severityBasis: string;
  tool: string;
  verb: string;
  /** Identity of the target for baselines and fan-out: the host, else the system, else ''. */
  targetKey: string;
  host: string | undefined;
  destination: Destination;
  /** Lower-case environment of the target, else of the agent. */
  environment: string;
  sensitiveResource: boolean;
  window: OperatingWindow | undefined;
  /** Set when the agent's window text does not parse; the temporal factor then fails closed. */
  windowError: string | undefined;
  /** Zone for hour-of-day: the window's, else the settings' default. */
  timeZone: string;
}

const WINDOW_CACHE_LIMIT = 1024;
const agentWindows = new Map<string, OperatingWindow | string>();

/** Agent windows come from the registry as text; parse each distinct text once. */
function agentWindow(text: string): OperatingWindow | string {
  let parsed = agentWindows.get(text);
  if (parsed === undefined) {
    try {
      parsed = parseWindow(text);
    } catch (error) {
      parsed = error instanceof Error ? error.message : String(error);
    }
    if (agentWindows.size >= WINDOW_CACHE_LIMIT) agentWindows.clear();
    agentWindows.set(text, parsed);
  }
  return parsed;
}

function severityOf(action: Action, verb: string, destination: Destination, settings: CompiledRiskSettings): { cls: SeverityClass; basis: string } {
  let cls = settings.verbClass.get(verb);
  let basis = `verb '${verb}'`;
  if (cls === undefined) {
    cls = settings.typeClass.get(action.type.toLowerCase());
    basis = `type '${action.type}'`;
  }
  if (cls === undefined) {
    cls = 'unknown';
    basis = verb === '' ? 'no known verb or type' : `unknown verb '${verb}'`;
  }
  // Reading from or calling an outside host is at least an external call.
  if (destination === 'external' && (cls === 'read' || cls === 'unknown')) {
    cls = 'external_call';
    basis += ' to an external host';
  }
  return { cls, basis };
}

function matchesAny(text: string | undefined, needles: string[]): boolean {
  if (text === undefined || text === '' || needles.length === 0) return false;
  const lower = text.toLowerCase();
  for (const needle of needles) if (lower.includes(needle)) return true;
  return false;
}

export function describeAction(agent: AgentContext, action: Action, settings: CompiledRiskSettings): ActionFacts {
  const target = action.target;
  const host = targetHost(target);
  const destination = resolveDestination(target, host, settings);
  const tool = action.tool ?? '';
  const verb = action.verb === undefined ? '' : action.verb.toLowerCase();
  const severity = severityOf(action, verb, destination, settings);
  const toolOverride = tool === '' ? undefined : settings.toolScore.get(tool);

  let window: OperatingWindow | undefined;
  let windowError: string | undefined;
  // The registry may store an empty string for "no window of its own".
  if (agent.window !== undefined && agent.window.trim() !== '') {
    const parsed = agentWindow(agent.window);
    if (typeof parsed === 'string') windowError = parsed;
    else window = parsed;
  } else {
    window = settings.windowsByRole.get(agent.role) ?? settings.defaultWindow;
  }

  return {
    severityClass: severity.cls,
    severityScore: toolOverride ?? settings.raw.severity.class_scores[severity.cls],
    severityBasis: toolOverride === undefined ? severity.basis : `tool '${tool}' (configured)`,
    tool,
    verb,
    targetKey: host ?? target?.system?.toLowerCase() ?? '',
    host,
    destination,
    environment: (target?.environment ?? agent.environment).toLowerCase(),
    sensitiveResource: matchesAny(target?.resource, settings.sensitiveResources) || matchesAny(target?.system, settings.sensitiveResources),
    window,
    windowError,
    timeZone: window?.timeZone ?? settings.raw.temporal.timezone,
  };
}
