import sharpPhash from 'sharp-phash';
import type { SharpOptions } from 'sharp';
import type { AssetId } from '../../../shared/ids.ts';
import type { RgbImage } from '../vision/image.ts';

/**
 * Near-duplicates: resized, recompressed and re-encoded copies of one photo. Each asset gets a 64-bit
 * perceptual hash (sharp-phash: DCT of the 32×32 grey image) of its upright pixels; a photo within
 * MAX_DISTANCE bits of another with the same aspect ratio joins its stack. A stack shows as one photo
 * (its largest copy) and counts once in a person's photos.
 */
export const MAX_DISTANCE = 4;
// A CommonJS module whose types declare an ES default export: under Node's ESM the default import is the function itself.
const phash = sharpPhash as unknown as (image: Buffer, options: SharpOptions) => Promise<string>;
const ASPECT_SLACK = 0.01;

/** The hash as 16 hex digits. */
export async function perceptualHash(img: RgbImage): Promise<string> {
  const bits = await phash(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength), {
    raw: { width: img.width, height: img.height, channels: 3 },
  });
  let hex = '';
  for (let i = 0; i < 64; i += 4) hex += parseInt(bits.slice(i, i + 4), 2).toString(16);
  return hex;
}

export interface Hashed {
  id: AssetId;
  phash: string;
  width: number;
  height: number;
  stack_id: AssetId | null;
}

const POP = new Uint8Array(256).map((_, i) => (i.toString(2).match(/1/g) ?? []).length);

export function distance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 16; i += 2) d += POP[parseInt(a.slice(i, i + 2), 16) ^ parseInt(b.slice(i, i + 2), 16)]!;
  return d;
}

/** A library's hashes in memory for one import: each new photo is compared with every other once. */
export class StackIndex {
  readonly #items: Hashed[];
  constructor(items: Hashed[]) {
    this.#items = items;
  }

  /** The closest near-duplicate of a photo, if any. */
  nearest(h: Omit<Hashed, 'stack_id'>): Hashed | undefined {
    let best: Hashed | undefined;
    let bestD = MAX_DISTANCE + 1;
    const aspect = h.width / h.height;
    for (const o of this.#items) {
      if (o.id === h.id || Math.abs(o.width / o.height - aspect) > ASPECT_SLACK * aspect) continue;
      const d = distance(o.phash, h.phash);
      if (d < bestD) {
        best = o;
        bestD = d;
      }
    }
    return best;
  }

  /** Pixels of a photo in the index (0 if unknown). */
  size(id: AssetId): number {
    const o = this.#items.find((i) => i.id === id);
    return o ? o.width * o.height : 0;
  }

  add(h: Hashed): void {
    const i = this.#items.findIndex((o) => o.id === h.id);
    if (i >= 0) this.#items[i] = h;
    else this.#items.push(h);
  }

  /** Every member of a stack now points at `to`. */
  repoint(from: AssetId, to: AssetId): void {
    for (const o of this.#items) if (o.stack_id === from) o.stack_id = to;
  }
}
