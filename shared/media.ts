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
  /**
   * image/jpeg: an image the core makes, small and served whole. original: the catalogued file itself,
   * under the type the import found, streamed from its path with Range requests (a player seeks); its
   * bytes never pass through the core, and media.get does not serve it.
   */
  contentType: 'image/jpeg' | 'original';
  summary: string;
}

export const MEDIA_KINDS = {
  thumbnail: { idPrefix: 'asset', contentType: 'image/jpeg', summary: "A photo's grid thumbnail, upright." },
  preview: { idPrefix: 'asset', contentType: 'image/jpeg', summary: 'The photo upright at screen size (made at import): what the viewer shows first.' },
  photo: { idPrefix: 'asset', contentType: 'image/jpeg', summary: 'The upright display copy of a photo at full size (up to 8192 px).' },
  face: { idPrefix: 'face', contentType: 'image/jpeg', summary: 'The square crop around a face.' },
  video: { idPrefix: 'asset', contentType: 'original', summary: "A catalogued video's original, for the player, with Range requests." },
} as const satisfies Record<string, MediaKindDef>;

export type MediaKind = keyof typeof MEDIA_KINDS;
export const MEDIA_KIND_NAMES = Object.keys(MEDIA_KINDS) as [MediaKind, ...MediaKind[]];
export const MediaKind = z.enum(MEDIA_KIND_NAMES);

/** Kinds the core makes and serves whole (media.get); the others are originals, streamed. */
export type ImageKind = { [K in MediaKind]: (typeof MEDIA_KINDS)[K]['contentType'] extends 'image/jpeg' ? K : never }[MediaKind];
export type StreamedKind = Exclude<MediaKind, ImageKind>;
export const isImageKind = (kind: MediaKind): kind is ImageKind => MEDIA_KINDS[kind].contentType === 'image/jpeg';
export const IMAGE_KIND_NAMES = MEDIA_KIND_NAMES.filter(isImageKind) as [ImageKind, ...ImageKind[]];
export const ImageKind = z.enum(IMAGE_KIND_NAMES);

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

/** The <img> or <video> src for catalogued media under Electron. The id is a catalogue id, never a path. */
export function desktopMediaUrl(kind: MediaKind, id: string, version?: string): string {
  return `${MEDIA_SCHEME}://${kind}/${encodeURIComponent(id)}${versioned(version)}`;
}

/** The same media on the local HTTP host. */
export function mediaPath(kind: MediaKind, id: string, version?: string): string {
  return `/media/${kind}/${encodeURIComponent(id)}${versioned(version)}`;
}

