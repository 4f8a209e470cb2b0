import { z } from 'zod';
import { AssetId, LibraryId, PersonId } from '../ids.ts';
import { binary, route, type Invoke } from './define.ts';
import { qBool } from './query.ts';
import type { Asset } from '../domain/asset.ts';
import { Library } from '../domain/library.ts';
import { AssetReply, assetReply, faceReply, includes, listReply, pageOut, pageQuery, paging, personReply } from './photo.shapes.ts';

const AssetPath = z.object({ asset_id: AssetId });
/** person_ids=a,b: photos in which all of them appear. */
const PersonIdList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(PersonId).min(1).max(20));

function imageRoute(path: string, summary: string, kind: 'thumbnail' | 'photo') {
  return route({
    api: 'photo',
    method: 'GET',
    path,
    summary,
    ops: ['media.get'],
    params: AssetPath,
    response: 'binary',
    handle: async ({ params }, invoke) => {
      const img = await invoke('media.get', { kind, id: params.asset_id });
      return binary(img.mime, img.bytes);
    },
  });
}

/** include=faces and include=people: the photo's faces (reference shape) and each person in it once. */
async function expanded(a: Asset, include: string[] | undefined, origin: string, invoke: Invoke): Promise<z.infer<typeof AssetReply>> {
  const out = assetReply(a, origin);
  if (!include?.some((i) => i === 'faces' || i === 'people')) return out;
  const faces = (await invoke('faces.list', { asset_id: a.id, limit: 5000, order: 'oldest' })).items;
  if (include.includes('faces')) out.faces = faces.map((f) => faceReply(f, origin));
  if (include.includes('people')) {
    const ids = [...new Set(faces.map((f) => f.person_id).filter((p): p is PersonId => p !== null))];
    out.people = await Promise.all(ids.map(async (id) => personReply(await invoke('people.get', { person_id: id }), origin)));
  }
  return out;
}

const Include = includes(['faces', 'people', 'variants']).describe('faces: the photo’s faces; people: each person in it once; variants: accepted (asset_urls always has every variant).');

export const assetRoutes = [
  route({
    api: 'photo',
    method: 'GET',
    path: '/api/assets',
    summary: 'List catalogued photos, newest first (date taken, else file time)',
    description: 'Pages by cursor like /api/faces. A stack of near-duplicates is listed as its top photo; photos the user hid are left out (hidden=true lists those instead).',
    ops: ['assets.list', 'faces.list', 'people.get'],
    query: pageQuery(AssetId).extend({
      library_id: LibraryId.optional(),
      person_ids: PersonIdList.optional().describe('Comma-separated: photos with all of these people.'),
      hidden: qBool.default(false).describe('Kindred extension: the photos the user hid, instead of the others.'),
      include: Include,
    }),
    response: listReply(AssetReply),
    handle: async ({ query: q, scope, origin }, invoke) => {
      const page = await invoke('assets.list', { library_id: q.library_id ?? scope ?? undefined, person_ids: q.person_ids, hidden: q.hidden, ...paging(q) });
      return pageOut(await Promise.all(page.items.map((a) => expanded(a, q.include, origin, invoke))), page, q);
    },
  }),
  route({
    api: 'photo',
    method: 'GET',
    path: '/api/assets/{asset_id}',
    summary: 'Get a photo',
    ops: ['assets.get', 'faces.list', 'people.get'],
    params: AssetPath,
    query: z.object({ library_id: LibraryId.optional(), include: Include }),
    response: AssetReply,
    handle: async ({ params, query, origin }, invoke) => expanded(await invoke('assets.get', { asset_id: params.asset_id }), query.include, origin, invoke),
  }),
  imageRoute('/api/assets/{asset_id}/thumbnail', 'The photo’s grid thumbnail (JPEG)', 'thumbnail'),
  imageRoute('/api/assets/{asset_id}/preview', 'The whole photo upright (JPEG, up to 8192 px)', 'photo'),
  route({
    api: 'photo',
    method: 'GET',
    path: '/api/libraries',
    summary: 'List libraries',
    ops: ['libraries.list'],
    response: z.object({ data: z.array(Library), has_more: z.boolean(), total: z.number().int() }),
    handle: async ({ scope }, invoke) => {
      const all = (await invoke('libraries.list', {})).filter((l) => !scope || l.id === scope);
      return { data: all, has_more: false, total: all.length };
    },
  }),
  route({
    api: 'photo',
    method: 'GET',
    path: '/api/libraries/{library_id}',
    summary: 'Get a library',
    ops: ['libraries.get'],
    params: z.object({ library_id: LibraryId }),
    response: Library,
    handle: async ({ params }, invoke) => invoke('libraries.get', { library_id: params.library_id }),
  }),
];
