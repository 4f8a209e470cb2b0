import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import exifr from 'exifr';

/**
 * Named face regions other tools wrote: MWG regions (Lightroom, digiKam, Picasa, Apple Photos export)
 * and Microsoft Photo regions (Windows Photo Gallery), from the photo's embedded XMP and from its .xmp
 * sidecar (IMG_0001.xmp or IMG_0001.jpg.xmp; a sidecar wins over embedded XMP, as it is the newer).
 *
 * Coordinates: normalized 0..1 relative to the image as stored, before its Exif orientation (MWG
 * regions follow the pixels, so rewriting the Orientation tag does not move them); boxes here are
 * top-left based.
 */
export interface NamedRegion {
  name: string;
  /** Normalized, stored orientation, top-left corner and size. */
  box: { x: number; y: number; w: number; h: number };
  standard: 'mwg' | 'mp';
}

const MWG_NS = 'http://www.metadataworkinggroup.com/schemas/regions/';
const MP_NS = 'http://ns.microsoft.com/photo/1.2/';

type Node = Record<string, unknown>;
const asList = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v && typeof v === 'object' ? [v as Node] : []);
const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN);
const text = (v: unknown): string | null => {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  // An rdf:Alt of languages: take the default (first) one.
  if (v && typeof v === 'object' && 'value' in v) return text((v as Node).value);
  return null;
};

/** The group exifr put a namespace under: by its declared prefix, else the usual one. */
function group(xmp: Node, ns: string, usual: string): Node | undefined {
  const prefixes = (xmp.xmlns as Record<string, string> | undefined) ?? {};
  const prefix = Object.entries(prefixes).find(([, uri]) => uri === ns)?.[0] ?? usual;
  return xmp[prefix] as Node | undefined;
}

export function regionsFromXmp(xmp: Node | undefined): NamedRegion[] {
  if (!xmp) return [];
  const out: NamedRegion[] = [];
  const mwg = group(xmp, MWG_NS, 'mwg-rs')?.Regions as Node | undefined;
  for (const r of asList(mwg?.RegionList)) {
    const name = text(r.Name);
    const area = r.Area as Node | undefined;
    const type = text(r.Type);
    if (!name || !area || (type && type !== 'Face')) continue;
    if (area.unit !== undefined && area.unit !== 'normalized') continue;
    const [cx, cy, w, h] = [num(area.x), num(area.y), num(area.w), num(area.h)];
    if ([cx, cy, w, h].some((v) => !Number.isFinite(v)) || w <= 0 || h <= 0) continue;
    out.push({ name, box: { x: cx - w / 2, y: cy - h / 2, w, h }, standard: 'mwg' });
  }
  const mp = group(xmp, MP_NS, 'MP')?.RegionInfo as Node | undefined;
  for (const r of asList(mp?.Regions)) {
    const name = text(r.PersonDisplayName);
    const rect = typeof r.Rectangle === 'string' ? r.Rectangle.split(',').map(Number) : [];
    if (!name || rect.length !== 4 || rect.some((v) => !Number.isFinite(v)) || rect[2]! <= 0 || rect[3]! <= 0) continue;
    // The same face named in both standards is one region.
    if (out.some((o) => o.name === name)) continue;
    out.push({ name, box: { x: rect[0]!, y: rect[1]!, w: rect[2]!, h: rect[3]! }, standard: 'mp' });
  }
  return out;
}

/** Sidecar names other tools use for a photo: Lightroom's IMG_0001.xmp and darktable's or digiKam's IMG_0001.jpg.xmp. */
export function sidecarPaths(photo: string): string[] {
  const dot = photo.lastIndexOf('.');
  const slash = photo.lastIndexOf('/');
  const base = dot > slash ? photo.slice(0, dot) : photo;
  return [`${base}.xmp`, `${photo}.xmp`, `${base}.XMP`];
}

export async function readRegions(bytes: Buffer | string, photo: string): Promise<NamedRegion[]> {
  for (const sidecar of sidecarPaths(photo)) {
    // Most photos have none: a look at the folder entry (microseconds) instead of a failed read, whose
    // error object and trips through libuv's threads were ~0.2 ms of a small photo.
    if (!existsSync(sidecar)) continue;
    const xml = await readFile(sidecar).catch(() => null);
    if (!xml) continue;
    const parsed = (await exifr.sidecar(xml).catch(() => undefined)) as Node | undefined;
    const found = regionsFromXmp(parsed);
    if (found.length > 0) return found;
  }
  // Both standards keep faces under a property named Region… (mwg-rs:Regions, MP:RegionInfo): bytes
  // without the word hold none, and skip the parse (~0.2 ms of a small photo).
  if (typeof bytes !== 'string' && !bytes.includes('Region')) return [];
  try {
    const parsed = (await exifr.parse(bytes, { xmp: true, tiff: false, exif: false, gps: false, ifd1: false, mergeOutput: false })) as Node | undefined;
    return regionsFromXmp(parsed);
  } catch {
    return []; // a damaged XMP block costs the names, not the photo
  }
}

/** A normalized stored-orientation box in display-space pixels (after orientation). */
export function toDisplay(box: NamedRegion['box'], orientation: number, displayW: number, displayH: number): { x: number; y: number; w: number; h: number } {
  const { x, y, w, h } = box;
  // Where the stored box lands once the image is turned upright, still normalized.
  const turned: Record<number, [number, number, number, number]> = {
    1: [x, y, w, h],
    2: [1 - x - w, y, w, h],
    3: [1 - x - w, 1 - y - h, w, h],
    4: [x, 1 - y - h, w, h],
    5: [y, x, h, w],
    6: [1 - y - h, x, h, w],
    7: [1 - y - h, 1 - x - w, h, w],
    8: [y, 1 - x - w, h, w],
  };
  const [nx, ny, nw, nh] = turned[orientation] ?? turned[1]!;
  return { x: nx * displayW, y: ny * displayH, w: nw * displayW, h: nh * displayH };
}

/** The inverse: a display-space pixel box as a normalized stored-orientation one (for writing). */
export function fromDisplay(box: { x: number; y: number; w: number; h: number }, orientation: number, displayW: number, displayH: number): NamedRegion['box'] {
  const [x, y, w, h] = [box.x / displayW, box.y / displayH, box.w / displayW, box.h / displayH];
  const stored: Record<number, [number, number, number, number]> = {
    1: [x, y, w, h],
    2: [1 - x - w, y, w, h],
    3: [1 - x - w, 1 - y - h, w, h],
    4: [x, 1 - y - h, w, h],
    5: [y, x, h, w],
    6: [y, 1 - x - w, h, w],
    7: [1 - y - h, 1 - x - w, h, w],
    8: [1 - y - h, x, h, w],
  };
  const [sx, sy, sw, sh] = stored[orientation] ?? stored[1]!;
  return { x: sx, y: sy, w: sw, h: sh };
}
