import { networkInterfaces } from 'node:os';

/**
 * Host and Origin rules. A web page the operator visits must not reach the service: a foreign
 * Host header means DNS rebinding, and a browser Origin other than our own means a cross-site call.
 */
export interface RequestGuard {
  hostAllowed(host: string | undefined): boolean;
  originAllowed(origin: string | undefined, host: string): boolean;
}

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

const bracket = (address: string): string => (address.includes(':') ? `[${address}]` : address);

/** Host header values (host:port) under which this listener may be addressed. */
export function allowedHostHeaders(boundHost: string, port: number): Set<string> {
  const names = new Set<string>(['localhost', bracket(boundHost)]);
  if (WILDCARDS.has(boundHost)) {
    names.add('127.0.0.1').add('[::1]');
    for (const list of Object.values(networkInterfaces())) {
      for (const item of list ?? []) names.add(bracket(item.address));
    }
  }
  return new Set([...names].map((name) => `${name}:${port}`));
}

export function createRequestGuard(boundHost: string, port: number): RequestGuard {
  const hosts = allowedHostHeaders(boundHost.toLowerCase(), port);
  return {
    hostAllowed: (host) => host !== undefined && hosts.has(host.toLowerCase()),
    originAllowed: (origin, host) => origin === undefined || origin === `http://${host}`,
  };
}
