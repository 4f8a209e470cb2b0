// Test helpers: a real API server on an ephemeral port over a real core, with a real key.
import assert from 'node:assert/strict';
import type { KindredCore } from '../../core/app.ts';
import { createApiServer } from './api-server.ts';

export interface ApiTestServer {
  core: KindredCore;
  origin: string;
  /** An unscoped key's secret. */
  key: string;
  /** fetch(origin + path), with X-API-Key unless init.headers names a key header itself. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** A JSON request (body sent as JSON when given); the reply parsed when it is JSON. */
  json(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read replies freely
  close(): Promise<void>;
}

const KEY_HEADERS = ['x-api-key', 'ocp-apim-subscription-key'];

export async function startApiTestServer(core: KindredCore): Promise<ApiTestServer> {
  const server = createApiServer({ core, validateReplies: true });
  const { origin } = await server.listen(0);
  const { secret } = await core.invoke('api_keys.create', { name: 'tests' });
  const withKey = (headers: RequestInit['headers']): Headers => {
    const h = new Headers(headers);
    if (!KEY_HEADERS.some((k) => h.has(k))) h.set('x-api-key', secret);
    return h;
  };
  const doFetch = (path: string, init: RequestInit = {}) => fetch(`${origin}${path}`, { ...init, headers: withKey(init.headers) });
  return {
    core,
    origin,
    key: secret,
    fetch: doFetch,
    async json(method, path, body, headers = {}) {
      const init: RequestInit = { method, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers } };
      if (body !== undefined) init.body = JSON.stringify(body);
      const res = await doFetch(path, init);
      const text = await res.text();
      return { status: res.status, body: (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text };
    },
    close: () => server.close(),
  };
}

/** Import a folder through the real pipeline and wait for it to finish. */
export async function importPhotos(core: KindredCore, folder: string, libraryName?: string): Promise<void> {
  const job = await core.invoke('import.start', { paths: [folder], ...(libraryName ? { library_name: libraryName } : {}) });
  assert.equal((await core.invoke('jobs.wait', { job_id: job.id })).state, 'done');
}
