/**
 * Where an action goes: none (a local tool call), an internal host or an external one.
 * The agent's own `target.external` claim can only make a destination more external: a host
 * outside the configured internal lists is external whatever the agent says.
 */
import type { ActionTarget } from '../../src-shared/action';
import type { CompiledRiskSettings } from './compiled-settings';
import { cidrContains, parseIp } from './ip';

export type Destination = 'none' | 'internal' | 'external';

const URL_HOST = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i;

/** Lower-case host without port, brackets or trailing dot; undefined when there is none. */
export function normalizeHost(raw: string): string | undefined {
  let host = raw.trim().toLowerCase();
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    host = close > 0 ? host.slice(1, close) : host.slice(1);
  } else if (host.indexOf(':') !== -1 && host.indexOf(':') === host.lastIndexOf(':')) {
    host = host.slice(0, host.indexOf(':'));
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  return host === '' ? undefined : host;
}

export function targetHost(target: ActionTarget | undefined): string | undefined {
  if (target === undefined) return undefined;
  if (target.host !== undefined && target.host !== '') return normalizeHost(target.host);
  if (target.url !== undefined) {
    const match = URL_HOST.exec(target.url);
    if (match?.[1] !== undefined) return normalizeHost(match[1]);
  }
  return undefined;
}

export function isInternalHost(host: string, settings: CompiledRiskSettings): boolean {
  const ip = parseIp(host);
  if (ip !== undefined) {
    for (const cidr of settings.internalCidrs) if (cidrContains(cidr, ip)) return true;
    return false;
  }
  for (const suffix of settings.internalSuffixes) {
    if (host === suffix || (host.endsWith(suffix) && host.charCodeAt(host.length - suffix.length - 1) === 46 /* . */)) return true;
  }
  return false;
}

export function resolveDestination(target: ActionTarget | undefined, host: string | undefined, settings: CompiledRiskSettings): Destination {
  if (target?.external === true) return 'external';
  if (host !== undefined) return isInternalHost(host, settings) ? 'internal' : 'external';
  return target?.external === false ? 'internal' : 'none';
}
