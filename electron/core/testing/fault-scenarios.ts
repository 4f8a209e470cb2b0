// The work the fault harness kills: every operation that writes the catalogue or the cache on a
// user's behalf, each as steps over a prepared base catalogue. Shared by the killed child
// (fault-child.ts) and the test that checks what is left (electron/core/faults.test.ts).
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import type { AssetId, FaceId, LibraryId, MergeId, PersonId } from '../../../shared/ids.ts';
import type { KindredCore } from '../app.ts';
import { createApiServer } from '../../host/api/api-server.ts';

/** What the steps act on: found in the base catalogue the same way in every copy of it. */
export interface BaseFacts {
  library: LibraryId;
  /** People by face count, largest first (ties by id). */
  people: Array<{ id: PersonId; faces: FaceId[] }>;
  merge: MergeId;
  /** A photo and a box on it where no face was found: where a user draws one. */
  drawOn: { asset: AssetId; box: { x: number; y: number; w: number; h: number } };
}

export interface FaultScenario {
  name: string;
  /** Starts the analysis workers before counting: loading models is not the operation. */
  vision?: boolean;
  /** Runs before counting starts; its value goes to every step (an API server, say). */
  setup?: (core: KindredCore, facts: BaseFacts) => Promise<StepContext>;
  steps: Array<(core: KindredCore, facts: BaseFacts, ctx: StepContext) => Promise<unknown>>;
  /** What the user does after the crash besides restarting (a backup run again). */
  recover?: (core: KindredCore) => Promise<void>;
}

export interface StepContext {
  api?: { origin: string; key: string; close: () => Promise<void>; made: Record<string, string> };
}

export async function baseFacts(core: KindredCore): Promise<BaseFacts> {
  const [lib] = await core.invoke('libraries.list', {});
  const list = await core.invoke('people.list', { library_id: lib!.id, limit: 1000 });
  const people = [];
  for (const p of list.items) {
    const faces = await core.invoke('faces.list', { person_id: p.id, limit: 1000 });
    people.push({ id: p.id, faces: faces.items.map((f) => f.id).sort() });
  }
  people.sort((a, b) => b.faces.length - a.faces.length || (a.id < b.id ? -1 : 1));
  const merged = (await Promise.all(people.map((p) => core.invoke('people.merges', { person_id: p.id })))).flat();
  const assets = await core.invoke('assets.list', { library_id: lib!.id, limit: 1000 });
  const asset = [...assets.items].sort((a, b) => (a.id < b.id ? -1 : 1))[0]!;
  return { library: lib!.id, people, merge: merged[0]!.id, drawOn: { asset: asset.id, box: { x: 2, y: 2, w: 48, h: 48 } } };
}

/** The base: people named, one rejected face, one merge, as a user leaves a library. */
export async function decideOnBase(core: KindredCore): Promise<void> {
  const [lib] = await core.invoke('libraries.list', {});
  const list = await core.invoke('people.list', { library_id: lib!.id, limit: 1000 });
  const ids = list.items.map((p) => p.id).sort();
  assert.ok(ids.length >= 6, `the base needs six people, has ${ids.length}`);
  await core.invoke('people.update', { person_id: ids[0]!, name: 'Alice' });
  await core.invoke('people.update', { person_id: ids[1]!, name: 'Bob', is_favorite: true });
  const bobFaces = await core.invoke('faces.list', { person_id: ids[1]!, limit: 100 });
  await core.invoke('faces.detach', { face_ids: [bobFaces.items[0]!.id], reject: true });
  await core.invoke('people.merge', { target_person_id: ids[2]!, source_person_ids: [ids[3]!] });
}

const api = (ctx: StepContext) => ctx.api!;

async function call(ctx: StepContext, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${api(ctx).origin}${path}`, {
    method,
    headers: { 'x-api-key': api(ctx).key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** The person that is neither named, merged nor the merge's target: plain automatic work. */
const plain = (f: BaseFacts, n = 0) => f.people.filter((p) => p.faces.length >= 2)[4 + n] ?? f.people.at(-1 - n)!;

export const SCENARIOS: FaultScenario[] = [
  {
    name: 'merge',
    steps: [async (core, f) => core.invoke('people.merge', { target_person_id: f.people[0]!.id, source_person_ids: [plain(f).id] })],
  },
  {
    name: 'unmerge',
    steps: [async (core, f) => core.invoke('people.unmerge', { merge_id: f.merge })],
  },
  {
    name: 'split',
    steps: [async (core, f) => core.invoke('people.split', { face_ids: f.people[0]!.faces.slice(0, 2), name: 'Split off' })],
  },
  {
    name: 'recluster',
    steps: [async (core, f) => core.invoke('people.recluster', { library_id: f.library })],
  },
  {
    name: 'manual face',
    vision: true,
    steps: [async (core, f) => core.invoke('faces.create', { asset_id: f.drawOn.asset, bounding_box: f.drawOn.box, person_id: f.people[0]!.id })],
  },
  {
    name: 'API writes',
    setup: async (core) => {
      const server = createApiServer({ core });
      const { origin } = await server.listen(0);
      const { secret } = await core.invoke('api_keys.create', { name: 'fault harness' });
      return { api: { origin, key: secret, close: () => server.close(), made: {} } };
    },
    steps: [
      async (_core, _f, ctx) => (api(ctx).made.person = (await call(ctx, 'POST', '/api/people', { name: 'Made by a script' })).id as string),
      async (_core, f, ctx) => call(ctx, 'PATCH', `/api/people/${plain(f).id}`, { name: 'Renamed by a script', is_hidden: true }),
      async (_core, f, ctx) => call(ctx, 'PATCH', `/api/faces/${plain(f, 1).faces[0]!}`, { person_id: api(ctx).made.person }),
      async (_core, f, ctx) => call(ctx, 'PATCH', `/api/faces/${f.people[0]!.faces.at(-1)!}`, { person_id: null }),
      async (_core, f, ctx) => call(ctx, 'DELETE', `/api/faces/${plain(f, 1).faces.at(-1)!}`),
    ],
  },
  {
    name: 'backup',
    steps: [async (core, _f) => core.invoke('catalogue.backup', { path: backupPath(core.layout.dataDir) })],
    recover: async (core) => {
      await core.invoke('catalogue.backup', { path: backupPath(core.layout.dataDir) });
    },
  },
];

/** Where the backup scenario writes: beside the data folder, as a user would choose. */
export const backupPath = (dataDir: string): string => join(dirname(dataDir), 'backup.sqlite');
