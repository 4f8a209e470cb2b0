import type { Server } from 'node:http';

/**
 * Limits every server of ours applies, so a slow or greedy client cannot hold a socket or a slot
 * forever: a whole request (headers and body) must arrive within requestTimeoutMs, headers within
 * headersTimeoutMs, an idle keep-alive socket is closed after keepAliveTimeoutMs, any socket idle for
 * idleTimeoutMs is closed, and at most maxConnections are open at once (more are refused at accept).
 * Fastify's own default turns Node's request timeout off; these put it back, shorter.
 */
export interface HttpLimits {
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  keepAliveTimeoutMs: number;
  idleTimeoutMs: number;
  maxConnections: number;
  maxRequestsPerSocket: number;
}

/** A 25 MB upload needs well under 30 s on any link a local API is used over. */
export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  // Event streams ping every 15 s, so only a dead socket is idle this long.
  idleTimeoutMs: 60_000,
  maxConnections: 64,
  maxRequestsPerSocket: 1000,
};

export function httpLimits(overrides: Partial<HttpLimits> = {}): HttpLimits {
  return { ...DEFAULT_HTTP_LIMITS, ...overrides };
}

/** The Fastify constructor options that carry the limits (Node checks request and header timeouts every connectionsCheckingInterval). */
export function fastifyLimitOptions(l: HttpLimits) {
  return {
    requestTimeout: l.requestTimeoutMs,
    connectionTimeout: l.idleTimeoutMs,
    keepAliveTimeout: l.keepAliveTimeoutMs,
    maxRequestsPerSocket: l.maxRequestsPerSocket,
    http: {
      headersTimeout: Math.min(l.headersTimeoutMs, l.requestTimeoutMs),
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(l.headersTimeoutMs / 2))),
    },
  };
}

/** What Fastify does not pass on to the Node server. */
export function limitServer(server: Server, l: HttpLimits): void {
  server.maxConnections = l.maxConnections;
}
