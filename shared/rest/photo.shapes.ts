import { z } from 'zod';
import { AssetId, FaceId, LibraryId, PersonId } from '../ids.ts';
import type { BoundingBox } from '../geometry.ts';
import { ClusterAssignment, FaceSource, type Face } from '../domain/face.ts';
import { Person } from '../domain/person.ts';
import type { Asset } from '../domain/asset.ts';
import { Timestamp } from '../domain/common.ts';
import { KindredError } from '../errors.ts';
import type { Invoke, RestRequest } from './define.ts';
import { qInt } from './query.ts';

// The photo-library API's shapes (field names and types from the reference), and how Kindred's
// records map onto them. Kindred's own extras (library_id, face_count, …) sit beside them.

/** One image of an asset_urls map: where to fetch it and what it is (width null: it depends on the photo). */
export const AssetVariant = z.object({ url: z.string(), mimetype: z.string(), width: z.number().int().nullable() });
const variant = (url: string) => ({ url, mimetype: 'image/jpeg', width: null });

/** The reference's boxes are whole pixels. */
export const IntBox = z.object({ x: z.number().int(), y: z.number().int(), w: z.number().int(), h: z.number().int() });

/** Whole pixels that stay inside the photo: the far edges are rounded, not the sizes. */
export function intBox(b: BoundingBox): z.infer<typeof IntBox> {
  const x = Math.round(b.x);
  const y = Math.round(b.y);
  return { x, y, w: Math.max(1, Math.round(b.x + b.w) - x), h: Math.max(1, Math.round(b.y + b.h) - y) };
}

export const FaceReply = z.object({
  id: FaceId,
  asset_id: AssetId,
  library_id: LibraryId,
  bounding_box: IntBox.describe('Display-space pixels (after EXIF orientation) of the asset’s reported width/height, rounded to whole pixels.'),
  source: FaceSource,
  created_at: Timestamp,
  updated_at: Timestamp,
  person_id: PersonId.nullable(),
  confidence: z.number().nullable().describe('Detector score 0..1; null for faces drawn by hand.'),
  timestamp_ms: z.number().int().nullable(),
  asset_urls: z.object({ thumbnail: AssetVariant.describe('The face crop (JPEG).') }),
  cluster_assignment: ClusterAssignment.nullable().describe('Only with include=cluster_assignment; null otherwise.'),
});

export const PersonReply = Person.pick({
  id: true,
  library_id: true,
  name: true,
  birth_date: true,
  is_hidden: true,
  is_favorite: true,
  thumbnail_face_id: true,
  face_count: true,
  created_at: true,
  updated_at: true,
}).extend({
  asset_count: z.number().int().nullable().describe('Photos the person appears in.'),
  asset_urls: z.object({ thumbnail: AssetVariant.describe('The cover face’s crop.') }).nullable().describe('null while the person has no cover face.'),
});

/** An asset as the API shows it: done photos only. Kindred keeps no versions, so the current version is the original file. */
export const AssetReply = z.object({
  id: AssetId,
  library_id: LibraryId,
  created_at: Timestamp,
  updated_at: Timestamp,
  current_version_id: z.string().describe('asset_version_…: Kindred never edits a photo, so this names the one version, the file itself.'),
  kind: z.literal('original'),
  local_datetime: Timestamp.describe('When the photo was taken (EXIF), else the file’s modification time.'),
  mime_type: z.string(),
  original_file_name: z.string(),
  file_size_bytes: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  duration: z.number().nullable().describe('Seconds, for videos; null for photos.'),
  face_count: z.number().int(),
  asset_urls: z.object({ thumbnail: AssetVariant, preview: AssetVariant.describe('The whole photo upright, JPEG, up to 8192 px.') }),
  faces: z.array(FaceReply).optional().describe('With include=faces.'),
  people: z.array(PersonReply).optional().describe('With include=people: each person once, however many of their faces are in the photo.'),
});

/** `include=a,b` or `include=a&include=b`: the expansions asked for, each one known. */
export function includes<T extends string>(known: readonly [T, ...T[]]) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(known, { error: `include takes ${known.join(', ')}` })).max(10))
    .optional();
}

/**
 * The reference pages by cursor: `starting_after_id` (the last id of the page before) or
 * `ending_before_id`, with `has_more`. `offset` is a Kindred extension for the same lists.
 */
export function pageQuery<T extends z.ZodType>(id: T) {
  return z.object({
    limit: qInt(1, 200).default(20),
    starting_after_id: id.optional().describe('The id of the last item of the previous page: the page after it.'),
    ending_before_id: id.optional().describe('The id of the first item of the next page: the page before it.'),
    offset: qInt(0, 10_000_000).default(0).describe('Kindred extension: skip this many items (not with a cursor).'),
  });
}

export interface PageQuery<Id> {
  limit: number;
  offset: number;
  starting_after_id?: Id | undefined;
  ending_before_id?: Id | undefined;
}

/** A page query as an operation's paging fields. */
export function paging<Id>(q: PageQuery<Id>): { offset: number; limit: number; after_id?: Id; before_id?: Id } {
  if (q.starting_after_id !== undefined && q.ending_before_id !== undefined) {
    throw new KindredError('invalid_input', 'Page with starting_after_id or ending_before_id, not both.', [{ path: 'query.ending_before_id', message: 'not with starting_after_id' }]);
  }
  if ((q.starting_after_id !== undefined || q.ending_before_id !== undefined) && q.offset > 0) {
    throw new KindredError('invalid_input', 'offset pages by position; it cannot be combined with a cursor.', [{ path: 'query.offset', message: 'not with a cursor' }]);
  }
  return {
    offset: q.offset,
    limit: q.limit,
    ...(q.starting_after_id !== undefined ? { after_id: q.starting_after_id } : {}),
    ...(q.ending_before_id !== undefined ? { before_id: q.ending_before_id } : {}),
  };
}

/** A page of a list: the items and whether another page follows in the direction paged; total and limit are extra. */
export function listReply<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), has_more: z.boolean(), total: z.number().int(), limit: z.number().int() });
}

export const pageOut = <T>(items: T[], page: { total: number; has_more: boolean }, q: { limit: number }) => ({
  data: items,
  has_more: page.has_more,
  total: page.total,
  limit: q.limit,
});

/** A face in the reference's shape; cluster_assignment only when it was asked for. */
export function faceReply(f: Face, origin: string, explain = false): z.infer<typeof FaceReply> {
  return {
    id: f.id,
    asset_id: f.asset_id,
    library_id: f.library_id,
    bounding_box: intBox(f.bounding_box),
    source: f.source,
    created_at: f.created_at,
    updated_at: f.updated_at,
    person_id: f.person_id,
    confidence: f.confidence,
    timestamp_ms: f.timestamp_ms,
    asset_urls: { thumbnail: variant(`${origin}/api/faces/${f.id}/thumbnail`) },
    cluster_assignment: explain ? (f.cluster_assignment ?? null) : null,
  };
}

export function personReply(p: Person, origin: string): z.infer<typeof PersonReply> {
  return {
    id: p.id,
    library_id: p.library_id,
    name: p.name,
    birth_date: p.birth_date,
    is_hidden: p.is_hidden,
    is_favorite: p.is_favorite,
    thumbnail_face_id: p.thumbnail_face_id,
    asset_count: p.asset_count,
    face_count: p.face_count,
    created_at: p.created_at,
    updated_at: p.updated_at,
    asset_urls: p.thumbnail_face_id ? { thumbnail: variant(`${origin}/api/faces/${p.thumbnail_face_id}/thumbnail`) } : null,
  };
}

export function assetReply(a: Asset, origin: string): z.infer<typeof AssetReply> {
  return {
    id: a.id,
    library_id: a.library_id,
    created_at: a.created_at,
    updated_at: a.updated_at,
    current_version_id: `asset_version_${a.id.slice('asset_'.length)}`,
    kind: 'original',
    local_datetime: a.taken_at ?? a.file_modified_at,
    mime_type: a.mime ?? 'application/octet-stream',
    original_file_name: a.file_name,
    file_size_bytes: a.size,
    width: a.width,
    height: a.height,
    duration: a.duration_ms === null ? null : a.duration_ms / 1000,
    face_count: a.face_count,
    asset_urls: { thumbnail: variant(`${origin}/api/assets/${a.id}/thumbnail`), preview: variant(`${origin}/api/assets/${a.id}/preview`) },
  };
}

/**
 * The library a write goes to: the one named, else the key's own, else the only one there is. With
 * several libraries and none named, the caller must say (the reference API's rule).
 */
export async function targetLibrary(req: RestRequest, given: LibraryId | null | undefined, invoke: Invoke): Promise<LibraryId> {
  const chosen = given ?? req.scope;
  if (chosen) return chosen;
  const all = await invoke('libraries.list', {});
  if (all.length === 1) return all[0]!.id;
  if (all.length === 0) throw new KindredError('not_found', 'There is no library yet: import some photos first.');
  throw new KindredError('invalid_input', `There are ${all.length} libraries; say which one with library_id.`, [
    { path: 'body.library_id', message: 'required when there are several libraries' },
  ]);
}

/** A library_id the client may send in the query or the body (the reference's SDKs do either): both must agree. */
export function libraryOf(query: { library_id?: LibraryId | undefined }, body?: { library_id?: LibraryId | null | undefined }): LibraryId | undefined {
  const q = query.library_id;
  const b = body?.library_id ?? undefined;
  if (q && b && q !== b) throw new KindredError('invalid_input', 'library_id differs between the query and the body.', [{ path: 'body.library_id', message: 'differs from query.library_id' }]);
  return q ?? b;
}
