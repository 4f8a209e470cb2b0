import { z } from 'zod';
import { AssetId, FaceId, LibraryId, PersonId } from '../ids.ts';
import { BoundingBox } from '../geometry.ts';
import { ClusterAssignment, FaceSource, type Face } from '../domain/face.ts';
import { Person } from '../domain/person.ts';
import { Asset } from '../domain/asset.ts';
import { Timestamp } from '../domain/common.ts';
import { KindredError } from '../errors.ts';
import type { Invoke, RestRequest } from './define.ts';
import { qInt } from './query.ts';

// The photo-library API's shapes (field names from the reference), and how Kindred's records map onto them.

export const FaceReply = z.object({
  id: FaceId,
  asset_id: AssetId,
  library_id: LibraryId,
  bounding_box: BoundingBox.describe('Display-space pixels (after EXIF orientation) of the asset’s reported width/height.'),
  source: FaceSource,
  created_at: Timestamp,
  updated_at: Timestamp,
  person_id: PersonId.nullable(),
  confidence: z.number().nullable().describe('Detector score 0..1; null for faces drawn by hand.'),
  timestamp_ms: z.number().int().nullable(),
  asset_urls: z.object({ thumbnail: z.string().describe('The face crop (JPEG).') }),
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
  asset_urls: z.object({ thumbnail: z.string().nullable().describe('The cover face’s crop, or null without one.') }),
});

/** An asset as the API shows it: done photos only, so no status or error. */
export const AssetReply = Asset.omit({ status: true, error: true }).extend({
  asset_urls: z.object({ thumbnail: z.string(), preview: z.string().describe('The whole photo upright, JPEG, up to 8192 px.') }),
});

export const PageQuery = z.object({
  limit: qInt(1, 500).default(100),
  offset: qInt(0, 10_000_000).default(0),
});

/** A page of a list: the items, how many there are in all, and whether another page follows. */
export function listReply<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int(), has_more: z.boolean() });
}

export const pageOut = <T>(items: T[], total: number, q: { limit: number; offset: number }) => ({
  data: items,
  total,
  limit: q.limit,
  offset: q.offset,
  has_more: q.offset + items.length < total,
});

export function faceReply(f: Face, origin: string): z.infer<typeof FaceReply> {
  return {
    id: f.id,
    asset_id: f.asset_id,
    library_id: f.library_id,
    bounding_box: f.bounding_box,
    source: f.source,
    created_at: f.created_at,
    updated_at: f.updated_at,
    person_id: f.person_id,
    confidence: f.confidence,
    timestamp_ms: f.timestamp_ms,
    asset_urls: { thumbnail: `${origin}/api/faces/${f.id}/thumbnail` },
    cluster_assignment: f.cluster_assignment ?? null,
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
    asset_urls: { thumbnail: p.thumbnail_face_id ? `${origin}/api/faces/${p.thumbnail_face_id}/thumbnail` : null },
  };
}

export function assetReply(a: Asset, origin: string): z.infer<typeof AssetReply> {
  const { status: _status, error: _error, ...rest } = a;
  return { ...rest, asset_urls: { thumbnail: `${origin}/api/assets/${a.id}/thumbnail`, preview: `${origin}/api/assets/${a.id}/preview` } };
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
