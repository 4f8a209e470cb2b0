import sharp, { type Sharp } from 'sharp';
import UTIF from 'utif2';
import { FileProblem } from './file-problem.ts';
import { formatOf } from './formats.ts';

/**
 * Camera RAWs are shown through the full-size JPEG the camera (or the DNG writer) embedded, as
 * digiKam's and Lightroom's "embedded preview" modes do: no demosaicing, and the look the camera
 * gave the shot. The RAW's own Orientation applies to the preview.
 *
 * Where the preview lives: TIFF-based RAWs (DNG, CR2, NEF, ARW, ORF, RW2) in one of their IFDs,
 * found with UTIF (IFD chain, SubIFDs, Olympus maker notes); CR3 (ISO base media) as the first
 * track's sample; RAF at the offset its header gives.
 */

/** A preview smaller than this on its longest side is a thumbnail: too small to find faces in. */
export const MIN_PREVIEW_SIDE = 1024;

export interface RawPreview {
  jpeg: Buffer;
  /** Orientation to apply to the preview (1..8); null: the preview's own Exif says it (RAF). */
  orientation: number | null;
  width: number;
  height: number;
}

interface Region {
  offset: number;
  length: number;
}

export async function extractRawPreview(buf: Buffer, mime: string): Promise<RawPreview> {
  const label = formatOf(mime)?.label ?? 'RAW';
  let found: { regions: Region[]; orientation: number | null };
  try {
    found = mime === 'image/x-canon-cr3' ? cr3Previews(buf) : mime === 'image/x-fujifilm-raf' ? rafPreviews(buf) : tiffPreviews(buf);
  } catch (err) {
    throw new FileProblem(`corrupt ${label}: its structure cannot be read (${(err as Error).message})`, mime);
  }
  let best: RawPreview | null = null;
  let largestOther = 0;
  for (const r of found.regions) {
    if (r.offset <= 0 || r.length < 4 || r.offset + r.length > buf.length) continue;
    const jpeg = buf.subarray(r.offset, r.offset + r.length);
    if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) continue;
    const meta = await sharp(jpeg).metadata().catch(() => null);
    if (!meta || meta.format !== 'jpeg' || !meta.width || !meta.height) continue;
    const side = Math.max(meta.width, meta.height);
    if (side < MIN_PREVIEW_SIDE) {
      largestOther = Math.max(largestOther, side);
      continue;
    }
    if (!best || meta.width * meta.height > best.width * best.height) best = { jpeg, orientation: found.orientation, width: meta.width, height: meta.height };
  }
  if (best) return best;
  const why = largestOther > 0 ? `its largest embedded JPEG is ${largestOther} px on its longest side, a thumbnail` : 'it embeds no JPEG preview';
  throw new FileProblem(`${label} without a usable preview: ${why} (Kindred shows RAWs through their embedded full-size preview)`, mime, 'raw_no_preview');
}

type Ifd = Record<string, unknown>;
const num = (ifd: Ifd, tag: number): number | undefined => {
  const v = ifd[`t${tag}`];
  return Array.isArray(v) && typeof v[0] === 'number' ? v[0] : undefined;
};

function tiffPreviews(buf: Buffer): { regions: Region[]; orientation: number | null } {
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  const ifds = UTIF.decode(ab) as unknown as Ifd[];
  if (ifds.length === 0) throw new Error('no image directory');
  const regions: Region[] = [];
  const visit = (ifd: Ifd, base: number) => {
    const jif = num(ifd, 513);
    const jifLen = num(ifd, 514);
    if (jif !== undefined && jifLen !== undefined) regions.push({ offset: base + jif, length: jifLen });
    // A JPEG in the IFD's single strip (CR2's IFD0, a DNG's preview SubIFD); not the CFA or linear raw data.
    const compression = num(ifd, 259);
    const photometric = num(ifd, 262);
    const strips = ifd.t273;
    if ((compression === 6 || compression === 7) && photometric !== 32803 && photometric !== 34892 && Array.isArray(strips) && strips.length === 1) {
      regions.push({ offset: base + (strips[0] as number), length: num(ifd, 279) ?? 0 });
    }
    // Panasonic RW2 keeps a whole JPEG in tag 0x2E.
    const rw2 = ifd.t46;
    if (rw2 instanceof Uint8Array) regions.push({ offset: rw2.byteOffset, length: rw2.byteLength });
    for (const sub of (ifd.subIFD as Ifd[] | undefined) ?? []) visit(sub, base);
    if (ifd.exifIFD) visit(ifd.exifIFD as Ifd, base);
    // Olympus: the preview sits in the maker note's CameraSettings, offsets relative to the maker note.
    const makerNote = ifd.makerNote as Ifd | undefined;
    const mnBytes = ifd.t37500;
    const settings = makerNote?.t8224 as Ifd | undefined;
    if (settings && !Array.isArray(settings) && mnBytes instanceof Uint8Array) {
      const start = num(settings, 257);
      const length = num(settings, 258);
      if (start !== undefined && length !== undefined) regions.push({ offset: mnBytes.byteOffset + start, length });
    }
  };
  for (const ifd of ifds) visit(ifd, 0);
  return { regions, orientation: orientationOf(ifds[0]!) };
}

function orientationOf(ifd: Ifd): number {
  const o = num(ifd, 274);
  return o !== undefined && o >= 1 && o <= 8 ? o : 1;
}

function rafPreviews(buf: Buffer): { regions: Region[]; orientation: number | null } {
  if (buf.toString('latin1', 0, 15) !== 'FUJIFILMCCD-RAW') throw new Error('no RAF header');
  return { regions: [{ offset: buf.readUInt32BE(84), length: buf.readUInt32BE(88) }], orientation: null };
}

interface Box {
  type: string;
  start: number;
  /** Where the payload starts. */
  body: number;
  end: number;
}

function* boxes(buf: Buffer, from: number, to: number): Generator<Box> {
  let at = from;
  while (at + 8 <= to) {
    let size = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    let body = at + 8;
    if (size === 1) {
      size = Number(buf.readBigUInt64BE(at + 8));
      body = at + 16;
    } else if (size === 0) size = to - at;
    if (size < 8 || at + size > to) return;
    if (type === 'uuid') body += 16;
    yield { type, start: at, body, end: at + size };
    at += size;
  }
}

const child = (buf: Buffer, parent: Box, type: string, skip = 0): Box | undefined => {
  for (const b of boxes(buf, parent.body + skip, parent.end)) if (b.type === type) return b;
  return undefined;
};

const CANON_UUID = '85c0b687820f11e08111f4ce462b6a48';
const PREVIEW_UUID = 'eaf42b5e1c984b88b9fbb7dc406e4d16';

/** CR3: the first track holds the full-size JPEG; a PRVW box (1620 px) is the fallback; CMT1 is IFD0. */
function cr3Previews(buf: Buffer): { regions: Region[]; orientation: number | null } {
  const regions: Region[] = [];
  let orientation = 1;
  for (const top of boxes(buf, 0, buf.length)) {
    if (top.type === 'moov') {
      for (const b of boxes(buf, top.body, top.end)) {
        if (b.type === 'uuid' && buf.toString('hex', b.start + 8, b.start + 24) === CANON_UUID) {
          const cmt1 = child(buf, b, 'CMT1');
          if (cmt1) {
            const ifd = UTIF.decode(buf.buffer.slice(buf.byteOffset + cmt1.body, buf.byteOffset + cmt1.end) as ArrayBuffer)[0];
            if (ifd) orientation = orientationOf(ifd as unknown as Ifd);
          }
        }
        if (b.type === 'trak' && regions.length === 0) {
          const mdia = child(buf, b, 'mdia');
          const minf = mdia && child(buf, mdia, 'minf');
          const stbl = minf && child(buf, minf, 'stbl');
          const co64 = stbl && child(buf, stbl, 'co64');
          const stsz = stbl && child(buf, stbl, 'stsz');
          if (co64 && stsz) {
            const size = buf.readUInt32BE(stsz.body + 4) || buf.readUInt32BE(stsz.body + 12);
            regions.push({ offset: Number(buf.readBigUInt64BE(co64.body + 8)), length: size });
          }
        }
      }
    }
    if (top.type === 'uuid' && buf.toString('hex', top.start + 8, top.start + 24) === PREVIEW_UUID) {
      const prvw = child(buf, top, 'PRVW', 8);
      // PRVW: 12 bytes of header (width, height among them), the JPEG's length, then the JPEG.
      if (prvw) regions.push({ offset: prvw.body + 16, length: buf.readUInt32BE(prvw.body + 12) });
    }
  }
  return { regions, orientation };
}

/** Orientation as sharp operations, for pixels that carry no Exif of their own. */
export function orient(img: Sharp, orientation: number): Sharp {
  switch (orientation) {
    case 2:
      return img.flop();
    case 3:
      return img.rotate(180);
    case 4:
      return img.flip();
    case 5:
      return img.rotate(90).flip();
    case 6:
      return img.rotate(90);
    case 7:
      return img.rotate(90).flop();
    case 8:
      return img.rotate(270);
    default:
      return img;
  }
}
