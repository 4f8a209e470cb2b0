import sharp from 'sharp';
import type { AssetId } from '../../../shared/ids.ts';
import type { RgbImage } from '../vision/image.ts';

/**
 * Near-duplicates: resized, recompressed and re-encoded copies of one photo. Each asset gets a 64-bit
 * perceptual hash (sharp-phash's: DCT of the 32×32 grey image) of its upright pixels; a photo within
 * MAX_DISTANCE bits of another with the same aspect ratio joins its stack. A stack shows as one photo
 * (its largest copy) and counts once in a person's photos.
 */
export const MAX_DISTANCE = 4;
const ASPECT_SLACK = 0.01;

const SAMPLE = 32;
const LOW = 8;
/** COS[k * LOW + u - 1] = cos((2k + 1) u π / 2N) for the frequencies 1..LOW the hash keeps. */
const COS = Float64Array.from({ length: SAMPLE * LOW }, (_, i) => Math.cos(((2 * Math.floor(i / LOW) + 1) / (2 * SAMPLE)) * ((i % LOW) + 1) * Math.PI));

/**
 * The hash as 16 hex digits: sharp-phash's bits (the test holds the two equal), from the same 32×32
 * grey image. sharp-phash computes all 1024 DCT coefficients in O(N⁴) to keep 64 of them, ~5 ms of a
 * small photo's ~45; the separable transform of just those 64 costs a few microseconds.
 */
export async function perceptualHash(img: RgbImage): Promise<string> {
  const grey = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .greyscale()
    .resize(SAMPLE, SAMPLE, { fit: 'fill' })
    .rotate()
    .raw()
    .toBuffer();
  // rows[y * LOW + u - 1] = Σx cos(..x..u) · grey(x, y); then F(u, v) = Σy cos(..y..v) · rows(y, u).
  const rows = new Float64Array(SAMPLE * LOW);
  for (let y = 0; y < SAMPLE; y++) {
    for (let u = 0; u < LOW; u++) {
      let sum = 0;
      for (let x = 0; x < SAMPLE; x++) sum += COS[x * LOW + u]! * grey[SAMPLE * y + x]!;
      rows[y * LOW + u] = sum;
    }
  }
  const dct = new Float64Array(LOW * LOW);
  let total = 0;
  for (let u = 0; u < LOW; u++) {
    for (let v = 0; v < LOW; v++) {
      let sum = 0;
      for (let y = 0; y < SAMPLE; y++) sum += COS[y * LOW + v]! * rows[y * LOW + u]!;
      dct[u * LOW + v] = sum / 4;
      total += sum / 4;
    }
  }
  const avg = total / (LOW * LOW);
  let hex = '';
  for (let i = 0; i < LOW * LOW; i += 4) {
    let nibble = 0;
    for (let b = 0; b < 4; b++) nibble = (nibble << 1) | (dct[i + b]! > avg ? 1 : 0);
    hex += nibble.toString(16);
  }
  return hex;
}

export interface Hashed {
  id: AssetId;
  phash: string;
  width: number;
  height: number;
  stack_id: AssetId | null;
}

/** A hash's two 32-bit halves. */
const halves = (phash: string): [number, number] => [parseInt(phash.slice(0, 8), 16) >>> 0, parseInt(phash.slice(8, 16), 16) >>> 0];

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function distance(a: string, b: string): number {
  const [ah, al] = halves(a);
  const [bh, bl] = halves(b);
  return popcount(ah ^ bh) + popcount(al ^ bl);
}

/**
 * A library's hashes in memory for one import: each new photo is compared with every other once, as
 * two 32-bit words (a 7k-photo import makes ~25M comparisons: string parsing in each took seconds).
 */
export class StackIndex {
  readonly #items: Hashed[] = [];
  readonly #at = new Map<AssetId, number>();
  readonly #hi: number[] = [];
  readonly #lo: number[] = [];
  constructor(items: Hashed[]) {
    for (const h of items) this.add(h);
  }

  /** The closest near-duplicate of a photo, if any. */
  nearest(h: Omit<Hashed, 'stack_id'>): Hashed | undefined {
    let best: Hashed | undefined;
    let bestD = MAX_DISTANCE + 1;
    const aspect = h.width / h.height;
    const [hi, lo] = halves(h.phash);
    for (let i = 0; i < this.#items.length; i++) {
      const d = popcount(this.#hi[i]! ^ hi) + popcount(this.#lo[i]! ^ lo);
      if (d >= bestD) continue;
      const o = this.#items[i]!;
      if (o.id === h.id || Math.abs(o.width / o.height - aspect) > ASPECT_SLACK * aspect) continue;
      best = o;
      bestD = d;
    }
    return best;
  }

  /** Pixels of a photo in the index (0 if unknown). */
  size(id: AssetId): number {
    const i = this.#at.get(id);
    return i === undefined ? 0 : this.#items[i]!.width * this.#items[i]!.height;
  }

  add(h: Hashed): void {
    const i = this.#at.get(h.id) ?? this.#items.length;
    this.#at.set(h.id, i);
    this.#items[i] = h;
    [this.#hi[i], this.#lo[i]] = halves(h.phash);
  }

  /** Every member of a stack now points at `to`. */
  repoint(from: AssetId, to: AssetId): void {
    for (const o of this.#items) if (o.stack_id === from) o.stack_id = to;
  }
}
