import { z } from 'zod';
import { AssetId, LibraryId, PersonId } from '../ids.ts';
import { binary, route } from './define.ts';
import { Library } from '../domain/library.ts';
import { AssetReply, PageQuery, assetReply, listReply, pageOut } from './photo.shapes.ts';

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

export const assetRoutes = [
  route({
    api: 'photo',
    method: 'GET',
    path: '/api/assets',
    summary: 'List catalogued photos, newest first',
    ops: ['assets.list'],
    query: PageQuery.extend({ library_id: LibraryId.optional(), person_ids: PersonIdList.optional().describe('Comma-separated: photos with all of these people.') }),
    response: listReply(AssetReply),
    handle: async ({ query: q, scope, origin }, invoke) => {
      const page = await invoke('assets.list', { library_id: q.library_id ?? scope ?? undefined, person_ids: q.person_ids, offset: q.offset, limit: q.limit });
      return pageOut(page.items.map((a) => assetReply(a, origin)), page.total, q);
    },
  }),
  route({
    api: 'photo',
    method: 'GET',
    path: '/api/assets/{asset_id}',
    summary: 'Get a photo',
    ops: ['assets.get'],
    params: AssetPath,
    response: AssetReply,
    handle: async ({ params, origin }, invoke) => assetReply(await invoke('assets.get', { asset_id: params.asset_id }), origin),
  }),
  imageRoute('/api/assets/{asset_id}/thumbnail', 'The photo’s grid thumbnail (JPEG)', 'thumbnail'),
  imageRoute('/api/assets/{asset_id}/preview', 'The whole photo upright (JPEG, up to 8192 px)', 'photo'),
  route({
    api: 'photo',
    method: 'GET',
    path: '/api/libraries',
    summary: 'List libraries',
    ops: ['libraries.list'],
    response: z.object({ data: z.array(Library), total: z.number().int() }),
    handle: async ({ scope }, invoke) => {
      const all = (await invoke('libraries.list', {})).filter((l) => !scope || l.id === scope);
      return { data: all, total: all.length };
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
