import type { SkipReason } from '../../../shared/domain/skip-reason.ts';

/** An expected problem with one file: recorded against the asset, never fatal to an import. */
export class FileProblem extends Error {
  readonly mime: string | null;
  readonly reason: SkipReason;
  constructor(message: string, mime: string | null = null, reason: SkipReason = 'corrupt') {
    super(message);
    this.name = 'FileProblem';
    this.mime = mime;
    this.reason = reason;
  }
}

/** Turn a decoder's message into one a user can act on. */
export function explainDecodeError(err: unknown, mime: string | null): FileProblem {
  const raw = err instanceof Error ? err.message : String(err);
  const kind = mime ? mime.replace('image/', '').toUpperCase() : 'image';
  if (/corrupt header|contains no image/i.test(raw)) {
    return new FileProblem(`corrupt ${kind}: its header is damaged, so there is no image to decode`, mime);
  }
  if (/premature end|truncated|unexpected end|end of file|short read|not enough data/i.test(raw)) {
    return new FileProblem(`truncated or damaged ${kind}: the file ends before the image data does`, mime, 'truncated');
  }
  if (/pixel limit/i.test(raw)) return new FileProblem(`image is too large to decode safely (${raw})`, mime, 'too_large');
  if (/unsupported image format|bad seek|not a known file format|unknown file format/i.test(raw)) {
    return new FileProblem(`corrupt ${kind}: the decoder does not recognise its contents`, mime);
  }
  if (/compression format has not been built in|unsupported codec|no decoding plugin|HEVC/i.test(raw)) {
    return new FileProblem(`${kind} with a codec this build cannot decode (${firstLine(raw)})`, mime, 'no_decoder');
  }
  // libpng's, libjpeg's and libvips' own words ("vipspng: libpng read error", "Unknown error") say
  // nothing a user can act on; with two decoders running at once libvips may not even keep them.
  return new FileProblem(`damaged ${kind}: the decoder cannot read its image data (the file is corrupt, or not really a ${kind})`, mime);
}

/** libjpeg's complaint about stray bytes between two markers: the image data itself is whole. */
const HARMLESS = /extraneous bytes before marker/i;

/**
 * What a strict decode's complaint says about a file that decodes when told to carry on (failOn
 * 'none'), or null when it is harmless. Whether the file was cut short is read from the file itself
 * (`cutShort`: its format's closing marker is missing), not from the message: libvips keeps one error
 * buffer for the whole process, so with decodes side by side a message may be another file's.
 */
export function damageOf(complaint: string, mime: string | null, cutShort: boolean): string | null {
  const lines = complaint.split('\n').filter((line) => line.trim() !== '');
  if (!cutShort && lines.length > 0 && lines.every((line) => HARMLESS.test(line))) return null;
  const kind = mime ? mime.replace('image/', '').toUpperCase() : 'image';
  if (cutShort) return `damaged file: this ${kind} ends before all of its image data; what is missing shows as grey`;
  return `damaged file: parts of this ${kind}'s image data are corrupt and may show as noise or grey`;
}

const firstLine = (s: string): string => s.split('\n')[0]!.trim().slice(0, 300);
