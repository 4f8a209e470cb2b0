// Test helpers: a real API server on an ephemeral port over a real core, with a real key.
import assert from 'node:assert/strict';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import type { LibraryId } from '../../../shared/ids.ts';
import { KindredCore } from '../../core/app.ts';
import { copyInto, identitiesWith } from '../../core/testing/fixtures.ts';
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

export interface TwoLibraries {
  core: KindredCore;
  family: LibraryId;
  work: LibraryId;
  /** A key limited to Work. */
  workKey: string;
  /** The LFW identities used: the first three in Family, the fourth in Work. */
  ids: Array<{ name: string; files: string[] }>;
}

/**
 * A real catalogue with two libraries: Family (3 LFW identities × 3 photos) and Work (1 × 3), and a
 * key that may use only Work — the setting for every "another library's ids" case.
 */
export async function twoLibraries(root: string, minPhotosPerIdentity = 3): Promise<TwoLibraries> {
  const ids = identitiesWith(minPhotosPerIdentity, 4);
  for (const id of ids.slice(0, 3)) copyInto(join(root, 'family', id.name), id.files.slice(0, 3));
  copyInto(join(root, 'work', ids[3]!.name), ids[3]!.files.slice(0, 3));
  const core = new KindredCore({ dataDir: join(root, 'data'), validateOutputs: true });
  await importPhotos(core, join(root, 'family'), 'Family');
  await importPhotos(core, join(root, 'work'), 'Work');
  const libs = await core.invoke('libraries.list', {});
  const family = libs.find((l) => l.name === 'Family')!.id;
  const work = libs.find((l) => l.name === 'Work')!.id;
  const workKey = (await core.invoke('api_keys.create', { name: 'work only', library_id: work })).secret;
  return { core, family, work, workKey, ids };
}

/** A port nothing listens on right now (above 1024, as the API settings require). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}
