import { z } from 'zod';
import { idPattern, type IdPrefix } from './ids.ts';

// Catalogued media by id: the one table every transport reads. The kind's name is also its URL
// segment on both transports (kindred-media://<kind>/<id> under Electron, /media/<kind>/<id> on the
// local host), its value in `media.get`, and the key the media source dispatches on. Adding a kind
// here is the whole declaration: the protocol, the HTTP route, the op and the client follow (and
// shared/media.test.ts fails if one does not).

export interface MediaKindDef {
  /** The id a URL of this kind carries; a face id for a thumbnail is refused before any lookup. */
  idPrefix: IdPrefix;
  contentType: 'image/jpeg';
  summary: string;
}

export const MEDIA_KINDS = {
  thumbnail: { idPrefix: 'asset', contentType: 'image/jpeg', summary: "A photo's grid thumbnail, upright." },
  photo: { idPrefix: 'asset', contentType: 'image/jpeg', summary: 'The upright display copy of a photo.' },
  face: { idPrefix: 'face', contentType: 'image/jpeg', summary: 'The square crop around a face.' },
} as const satisfies Record<string, MediaKindDef>;

export type MediaKind = keyof typeof MEDIA_KINDS;
export const MEDIA_KIND_NAMES = Object.keys(MEDIA_KINDS) as [MediaKind, ...MediaKind[]];
export const MediaKind = z.enum(MEDIA_KIND_NAMES);

export function isMediaKind(kind: unknown): kind is MediaKind {
  return typeof kind === 'string' && Object.hasOwn(MEDIA_KINDS, kind);
}

/** Is `id` a well-formed id of the kind's prefix (no lookup)? */
export function isMediaId(kind: MediaKind, id: string): boolean {
  return idPattern([MEDIA_KINDS[kind].idPrefix]).test(id);
}

/** Catalogued images by id under Electron: kindred-media://<kind>/<id> (served by protocol.handle). */
export const MEDIA_SCHEME = 'kindred-media';

/** The <img src> for catalogued media under Electron. The id is a catalogue id, never a path. */
export function desktopMediaUrl(kind: MediaKind, id: string): string {
  return `${MEDIA_SCHEME}://${kind}/${encodeURIComponent(id)}`;
}

/** The same media on the local HTTP host. */
export function mediaPath(kind: MediaKind, id: string): string {
  return `/media/${kind}/${encodeURIComponent(id)}`;
}
