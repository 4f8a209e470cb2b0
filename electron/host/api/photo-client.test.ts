import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { z } from 'zod';
import { KindredCore } from '../../core/app.ts';
import { copyInto, identitiesWith } from '../../core/testing/fixtures.ts';
import { tempDir } from '../../core/testing/temp-dir.ts';
import { createApiServer, type ApiServer } from './api-server.ts';
import { importPhotos } from './testing.ts';

// A photo-library API client written from the reference's documentation alone
// (../shared/docs/reference-apis/photo-api-create-face.txt, -update-face.txt, -create-person.txt),
// as a third party would: it authenticates with `Authorization: Bearer`, pages with
// `starting_after_id` until `has_more` is false, and checks every reply against the reference's
// shapes — every documented field present with exactly its documented type (extra fields, which
// the reference's own clients ignore, are allowed). Any other status or shape throws.

const DateTime = z.iso.datetime({ offset: true });
/** asset_urls: named variants, each an object (never a bare URL, never null). */
const AssetUrls = z.record(z.string(), z.looseObject({ url: z.string().url(), mimetype: z.string(), width: z.number().int().nullable() }));
const Box = z.looseObject({ x: z.number().int().min(0), y: z.number().int().min(0), w: z.number().int().positive(), h: z.number().int().positive() });
const ClusterAssignmentResponse = z.looseObject({
  distance_to_person: z.number().nullable(),
  candidates: z.array(z.looseObject({ person_id: z.string().startsWith('person_'), distance: z.number(), name: z.string().nullable() })),
});

/** "Represents a detected face in an asset with facial recognition data." */
const FaceResponse = z.looseObject({
  id: z.string().startsWith('face_'),
  asset_id: z.string().startsWith('asset_'),
  bounding_box: Box,
  source: z.enum(['automatic', 'manual']),
  created_at: DateTime,
  updated_at: DateTime,
  person_id: z.string().startsWith('person_').nullable(),
  confidence: z.number().min(0).max(1).nullable(),
  timestamp_ms: z.number().int().nullable(),
  asset_urls: AssetUrls,
  cluster_assignment: ClusterAssignmentResponse.nullable(),
});
type FaceResponse = z.infer<typeof FaceResponse>;

/** "Represents a person identified through face clustering and recognition." */
const PersonResponse = z.looseObject({
  id: z.string().startsWith('person_'),
  is_hidden: z.boolean(),
  is_favorite: z.boolean(),
  created_at: DateTime,
  updated_at: DateTime,
  name: z.string().nullable(),
  birth_date: z.iso.date().nullable(),
  asset_count: z.number().int().nullable(),
  thumbnail_face_id: z.string().startsWith('face_').nullable(),
  asset_urls: AssetUrls.nullable(),
});
type PersonResponse = z.infer<typeof PersonResponse>;

const page = <T extends z.ZodType>(item: T) => z.looseObject({ data: z.array(item), has_more: z.boolean() });

class PhotoLibraryClient {
  readonly requests: string[] = [];
  readonly #base: string;
  readonly #key: string;
  constructor(base: string, key: string) {
    this.#base = base;
    this.#key = key;
  }

  async call<T extends z.ZodType>(method: string, path: string, shape: T, opts: { query?: Record<string, string | undefined>; body?: unknown; status?: number } = {}): Promise<z.infer<T>> {
    const url = new URL(path, this.#base);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const headers: Record<string, string> = { authorization: `Bearer ${this.#key}`, accept: 'application/json' };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(url, { method, headers, ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}) });
    this.requests.push(`${method} ${url.pathname}${url.search}`);
    const text = await res.text();
    if (res.status !== (opts.status ?? 200)) throw new Error(`${method} ${url.pathname}: HTTP ${res.status} ${text.slice(0, 300)}`);
    const parsed = shape.safeParse(text ? JSON.parse(text) : undefined);
    if (!parsed.success) throw new Error(`${method} ${url.pathname}: the reply breaks the reference's shape: ${parsed.error.message}`);
    return parsed.data;
  }

  /** Every item of a list, page by page: the next page starts after the last id of this one. */
  async all<T extends z.ZodType>(path: string, item: T, query: Record<string, string | undefined> = {}, limit = 2): Promise<Array<z.infer<T>>> {
    const items: Array<z.infer<T>> = [];
    let starting_after_id: string | undefined;
    for (let pages = 1; ; pages++) {
      if (pages > 1000) throw new Error(`${path}: still has_more after 1000 pages`);
      const p = await this.call('GET', path, page(item), { query: { ...query, limit: String(limit), starting_after_id } });
      items.push(...(p.data as Array<z.infer<T>>));
      if (!p.has_more) return items;
      starting_after_id = (p.data.at(-1) as { id: string }).id;
    }
  }

  listFaces = (query: { person_id?: string; asset_id?: string } = {}) => this.all('/api/faces', FaceResponse, query);
  createFace = (body: { asset_id: string; bounding_box: { x: number; y: number; w: number; h: number }; person_id?: string | null }) =>
    this.call('POST', '/api/faces', FaceResponse, { body, status: 201 });
  getFace = (id: string) => this.call('GET', `/api/faces/${id}`, FaceResponse);
  updateFace = (id: string, person_id: string | null) => this.call('PATCH', `/api/faces/${id}`, FaceResponse.omit({ confidence: true, cluster_assignment: true }), { body: { person_id } });
  deleteFace = (id: string) => this.call('DELETE', `/api/faces/${id}`, z.undefined(), { status: 204 });
  listPeople = () => this.all('/api/people', PersonResponse);
  createPerson = (body: { name?: string | null; birth_date?: string | null; is_hidden?: boolean | null; is_favorite?: boolean | null; thumbnail_face_id?: string | null }) =>
    this.call('POST', '/api/people', PersonResponse, { body, status: 201 });
  updatePerson = (id: string, body: Partial<Pick<PersonResponse, 'name' | 'birth_date' | 'is_hidden' | 'is_favorite' | 'thumbnail_face_id'>>) =>
    this.call('PATCH', `/api/people/${id}`, PersonResponse, { body });
  deletePerson = (id: string) => this.call('DELETE', `/api/people/${id}`, z.undefined(), { status: 204 });
}

const root = tempDir();
let core: KindredCore;
let server: ApiServer;
let client: PhotoLibraryClient;

before(async () => {
  for (const id of identitiesWith(3, 2)) copyInto(join(root, 'photos', id.name), id.files.slice(0, 3));
  core = new KindredCore({ dataDir: join(root, 'data') });
  await importPhotos(core, join(root, 'photos'), 'Home');
  const { secret } = await core.invoke('api_keys.create', { name: 'reference client' });
  server = createApiServer({ core });
  const { origin } = await server.listen(0);
  client = new PhotoLibraryClient(origin, secret);
});
after(async () => {
  await server?.close();
  await core?.close();
});

test('a client written from the reference docs lists, creates, updates and deletes faces and people without an error', async () => {
  const people = await client.listPeople();
  const faces = await client.listFaces();
  assert.ok(people.length >= 2 && faces.length >= 6, `${people.length} people, ${faces.length} faces`);
  assert.equal(new Set(faces.map((f) => f.id)).size, faces.length, 'no face twice across pages');
  assert.deepEqual(faces.map((f) => f.created_at), [...faces.map((f) => f.created_at)].sort().reverse(), 'newest first');

  const grace = await client.createPerson({ name: 'Grace', birth_date: '1906-12-09', is_favorite: true });
  const face = faces.find((f) => f.person_id !== null)!;
  const moved = await client.updateFace(face.id, grace.id);
  assert.equal(moved.person_id, grace.id);
  assert.equal((await client.getFace(face.id)).person_id, grace.id);
  assert.ok((await client.listFaces({ person_id: grace.id })).some((f) => f.id === face.id));

  const asset = face.asset_id;
  const drawn = await client.createFace({ asset_id: asset, bounding_box: { x: 1, y: 1, w: 40, h: 40 }, person_id: grace.id });
  assert.equal(drawn.source, 'manual');
  assert.equal(drawn.cluster_assignment, null, 'cluster_assignment only when asked for');
  const renamed = await client.updatePerson(grace.id, { name: 'Grace H.', is_hidden: false, thumbnail_face_id: face.id });
  assert.equal(renamed.name, 'Grace H.');
  assert.equal(renamed.asset_count, 1);

  const detached = await client.updateFace(drawn.id, null);
  assert.equal(detached.person_id, null);
  await client.deleteFace(drawn.id);
  await client.deletePerson(grace.id);
  const after = await client.listPeople();
  assert.ok(!after.some((p) => p.id === grace.id));
  assert.equal(after.length, people.length);
  assert.ok(!(await client.listFaces({ asset_id: asset })).some((f) => f.id === drawn.id));
  assert.ok(client.requests.some((r) => r.includes('starting_after_id=')), 'it paged with the cursor');
});
