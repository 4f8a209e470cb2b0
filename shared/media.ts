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
  preview: { idPrefix: 'asset', contentType: 'image/jpeg', summary: 'The photo upright at screen size (made at import): what the viewer shows first.' },
  photo: { idPrefix: 'asset', contentType: 'image/jpeg', summary: 'The upright display copy of a photo at full size (up to 8192 px).' },
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

/**
 * A media URL may end in `?v=<token>` so a page loads an image again whose bytes changed under the
 * same id (a face crop after its box moved); hosts ignore the token. Letters and digits only.
 */
export function mediaVersion(stamp: string): string {
  return stamp.replace(/[^0-9a-z]/gi, '').slice(-20).toLowerCase();
}
const versioned = (version?: string): string => (version ? `?v=${mediaVersion(version)}` : '');

/** The <img src> for catalogued media under Electron. The id is a catalogue id, never a path. */
export function desktopMediaUrl(kind: MediaKind, id: string, version?: string): string {
  return `${MEDIA_SCHEME}://${kind}/${encodeURIComponent(id)}${versioned(version)}`;
}

/** The same media on the local HTTP host. */
export function mediaPath(kind: MediaKind, id: string, version?: string): string {
  return `/media/${kind}/${encodeURIComponent(id)}${versioned(version)}`;
}

/**
 * A catalogued video's original, for the player. Not one of the kinds above: those are small images
 * held in memory, while a video is streamed from its file with Range requests (the player seeks). Same
 * scheme and path shape: kindred-media://video/<asset id>, /media/video/<asset id>.
 */
export const VIDEO_MEDIA = 'video';

export function desktopVideoUrl(assetId: string): string {
  return `${MEDIA_SCHEME}://${VIDEO_MEDIA}/${encodeURIComponent(assetId)}`;
}

export function videoPath(assetId: string): string {
  return `/media/${VIDEO_MEDIA}/${encodeURIComponent(assetId)}`;
}
