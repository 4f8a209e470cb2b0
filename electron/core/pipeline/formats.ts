import { FORMATS, type FileKind, type FormatEntry } from '../../../shared/formats.ts';

// Lookups over the one table of formats (shared/formats.ts) for the scan and the decoders.

const BY_MIME = new Map(FORMATS.map((f) => [f.mime, f]));
const BY_EXTENSION = new Map(FORMATS.flatMap((f) => f.extensions.map((e) => [e, f] as const)));

export const formatOf = (mime: string): FormatEntry | undefined => BY_MIME.get(mime);
export const formatForExtension = (ext: string): FormatEntry | undefined => BY_EXTENSION.get(ext);

const mimesOf = (...kinds: FileKind[]): Set<string> => new Set(FORMATS.filter((f) => kinds.includes(f.kind)).map((f) => f.mime));

/** Photo formats we catalogue (RAWs through their embedded preview). */
export const SUPPORTED_MIME = mimesOf('photo', 'raw');
export const RAW_MIME = mimesOf('raw');
export const isRawMime = (mime: string | null): boolean => mime !== null && RAW_MIME.has(mime);
export const isHeifMime = (mime: string | null): boolean => mime !== null && /^image\/hei[cf](-sequence)?$/.test(mime);

/** Videos: catalogued with their timeline (electron/core/video). */
export const VIDEO_MIME = mimesOf('video');
export const VIDEO_EXTENSIONS = new Set(FORMATS.filter((f) => f.kind === 'video').flatMap((f) => f.extensions));

/** Names that make a file a photo candidate even when its content turns out not to be one (then reported). */
export const IMAGE_EXTENSIONS = new Set(FORMATS.filter((f) => f.kind === 'photo' || f.kind === 'raw').flatMap((f) => f.extensions));

/** Sidecars: read with the photo they describe, never catalogued themselves. */
export const SIDECARS: ReadonlyMap<string, string> = new Map([['.xmp', 'XMP sidecar'], ['.srt', 'subtitles (SubRip)'], ['.vtt', 'subtitles (WebVTT)']]);
export const SIDECAR_EXTENSIONS = new Set(SIDECARS.keys());
/** Subtitle sidecars: a video's spoken text (electron/core/video/speech.ts). */
export const SUBTITLE_EXTENSIONS = new Set(['.srt', '.vtt']);

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}
