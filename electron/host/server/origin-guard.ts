import { hostname, networkInterfaces } from 'node:os';

/**
 * Which Host and Origin headers a server of ours answers to: its own names only. Every server (the UI
 * host of `kindred serve`, the REST API beside it, the desktop app's API server) uses this one guard,
 * so a DNS-rebinding page (another Host) or another site's script (another Origin) is refused the same
 * way everywhere, and URLs in replies are built from an origin the guard vouched for, never from
 * whatever Host a client sent.
 */
export interface OriginGuard {
  /** `http://name:port` for a Host that names this server, else null. */
  originOf(host: string | undefined): string | null;
  /** A browser's Origin header names one of our own origins (no header: not a browser, allowed). */
  originAllowed(origin: string | undefined): boolean;
}

/** What a request that names another site (Host) or comes from another site's page (Origin) is told. */
export const NOT_OURS = 'This server answers only to its own address, and not to pages of other sites.';

const LOOPBACK = ['127.0.0.1', 'localhost'];
const WILDCARD = new Set(['0.0.0.0', '::', '[::]', '']);

const bracket = (address: string): string => (address.includes(':') && !address.startsWith('[') ? `[${address}]` : address);

/** The names a server bound to `bound` can be reached by: 127.0.0.1 and localhost always, plus the bound address, or every address of this machine for a wildcard bind. */
export function ownNames(bound: string): Set<string> {
  const names = new Set(LOOPBACK);
  if (!WILDCARD.has(bound)) {
    names.add(bracket(bound.toLowerCase()));
    return names;
  }
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.add(bracket(a.address.toLowerCase()));
  const host = hostname().toLowerCase();
  if (host) names.add(host).add(`${host}.local`);
  return names;
}

/** A guard for a server bound to `bound` whose port is known once it listens (`port()`). */
export function originGuard(bound: string, port: () => number): OriginGuard {
  const names = ownNames(bound);
  const originOf = (host: string | undefined): string | null => {
    if (typeof host !== 'string' || host.length > 300) return null;
    const h = host.toLowerCase();
    const colon = h.lastIndexOf(':');
    if (colon <= 0 || h.endsWith(']')) return null; // a port is always named: browsers send it for non-default ports
    const name = h.slice(0, colon);
    const p = h.slice(colon + 1);
    if (!/^\d{1,5}$/.test(p) || Number(p) !== port() || !names.has(name)) return null;
    return `http://${name}:${p}`;
  };
  return {
    originOf,
    originAllowed(origin) {
      if (origin === undefined) return true;
      if (!origin.startsWith('http://')) return false;
      return originOf(origin.slice('http://'.length)) === origin.toLowerCase();
    },
  };
}
