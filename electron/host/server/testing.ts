// Test helpers: a real server on an ephemeral port, and raw requests that can send the headers a
// browser (or an attacker's page) would, which fetch refuses to forge (Host, Sec-Fetch-Site).
import { request } from 'node:http';
import { connect } from 'node:net';
import type { KindredCore } from '../../core/app.ts';
import { createServer, type KindredServer, type ServerOptions } from './server.ts';

export interface TestServer {
  server: KindredServer;
  base: string;
  port: number;
  token: string;
  /** POST /rpc/<op> with the token header (or the headers given). */
  rpc(op: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** GET with the token header (or the headers given). */
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export async function startTestServer(core: KindredCore, opts: Omit<ServerOptions, 'core'> = {}): Promise<TestServer> {
  const server = createServer({ core, ...opts });
  const { port } = await server.listen(0);
  const base = `http://127.0.0.1:${port}`;
  const auth = { 'x-kindred-token': server.token };
  return {
    server,
    base,
    port,
    token: server.token,
    rpc: (op, body, headers = auth) =>
      fetch(`${base}/rpc/${op}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }),
    get: (path, headers = auth) => fetch(`${base}${path}`, { headers }),
    close: () => server.close(),
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with exactly these headers (Host included) and the path sent as written. */
export function raw(port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('latin1');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The status of an HTTP/1.0 request that names no Host at all. */
export function noHostStatus(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end('GET /events HTTP/1.0\r\n\r\n'));
    let text = '';
    socket.on('data', (c) => (text += c.toString('latin1')));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.\d (\d{3})/.exec(text)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}
