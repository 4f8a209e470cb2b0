import { STATUS_CODES, maxHeaderSize, type Server } from 'node:http';
import type { Socket } from 'node:net';

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

/**
 * What a client hears when Node refuses its request before any route sees it (too slow, headers too
 * large, not HTTP): the API's error envelope with a plain message, where Fastify would send its own
 * shape. The socket is closed after it, as Node does.
 */
export function refuseClient(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'The request took too long to arrive.']
    : err.code === 'HPE_HEADER_OVERFLOW' ? [431, `The request line and headers are too large (at most ${maxHeaderSize / 1024} KB).`]
    : [400, 'The request is not valid HTTP.'];
  const body = JSON.stringify({ error: { code: 'invalid_input', message } });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy();
}

/** The Fastify constructor options that carry the limits (Node checks request and header timeouts every connectionsCheckingInterval). */
export function fastifyLimitOptions(l: HttpLimits) {
  return {
    clientErrorHandler: refuseClient,
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
