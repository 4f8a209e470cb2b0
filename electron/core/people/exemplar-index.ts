import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type * as Usearch from 'usearch';
import { encodeInt8Row } from './embedding-quant.ts';
import { dotI8F32 } from './vectors.ts';

// usearch's ESM entry looks for its binary relative to the working directory; the CommonJS one finds it.
const usearch = createRequire(import.meta.url)('usearch') as typeof Usearch;

/**
 * Up to this many exemplars a linear scan answers within ~2 ms on a slow laptop core (0.5 µs an int8
 * row); above it an HNSW index answers in a fraction of a millisecond at any size.
 */
export const ANN_ABOVE = 4096;
/** Queries per native batch call. */
const BATCH = 4096;
/** usearch keys are generation << 32 | slot: a reused slot never collides with what the index had under it. */
const SLOT_MASK = 0xffffffffn;

/**
 * Nearest people to a face, by their nearest exemplar. Exemplars live here as int8 rows with a scale each
 * (516 bytes for 512 dims: 800k exemplars take ~400 MB, not 1.6 GB), and every similarity returned is
 * computed from those rows, so the scan and the index agree exactly. Up to `annAbove` exemplars a query
 * scans them all; above, an HNSW index (usearch, cosine, int8) proposes candidates, over-fetched so that
 * several exemplars of one person do not crowd out the runner-up, and they are re-scored here.
 * Exemplars added since the last query enter the index in one multi-threaded batch at the next query.
 */
export class ExemplarIndex {
  readonly #dim: number;
  readonly #annAbove: number;
  #q: Int8Array;
  #scale: Float32Array;
  /** Person of each slot, -1 when free. */
  #owner: Int32Array;
  #gen: Uint32Array;
  /** 1 when the slot's row is in the HNSW index. */
  #inAnn: Uint8Array;
  #free: number[] = [];
  #used = 0;
  readonly #slots = new Map<number, number[]>();
  #count = 0;
  #ann: Usearch.Index | null = null;
  #pending: number[] = [];

  constructor(dim: number, opts: { annAbove?: number } = {}) {
    this.#dim = dim;
    this.#annAbove = opts.annAbove ?? ANN_ABOVE;
    const cap = 64;
    this.#q = new Int8Array(cap * dim);
    this.#scale = new Float32Array(cap);
    this.#owner = new Int32Array(cap).fill(-1);
    this.#gen = new Uint32Array(cap);
    this.#inAnn = new Uint8Array(cap);
  }

  /** Exemplars held. */
  get size(): number {
    return this.#count;
  }

  /** Replace a person's exemplars: `exemplars` holds whole rows of unit vectors. */
  upsert(person: number, exemplars: Float32Array): void {
    const dim = this.#dim;
    if (exemplars.length % dim !== 0) throw new RangeError(`exemplars of ${exemplars.length} values are not rows of ${dim}`);
    this.remove(person);
    const rows = exemplars.length / dim;
    if (rows === 0) return;
    const slots: number[] = [];
    for (let r = 0; r < rows; r++) {
      const s = this.#alloc();
      const { scale } = encodeInt8Row(exemplars.subarray(r * dim, (r + 1) * dim), this.#q.subarray(s * dim, (s + 1) * dim));
      this.#scale[s] = scale;
      this.#owner[s] = person;
      slots.push(s);
      if (this.#ann) this.#pending.push(s);
    }
    this.#slots.set(person, slots);
    this.#count += rows;
  }

  remove(person: number): void {
    const slots = this.#slots.get(person);
    if (!slots) return;
    this.#slots.delete(person);
    this.#count -= slots.length;
    const gone: bigint[] = [];
    for (const s of slots) {
      if (this.#inAnn[s]) gone.push(this.#key(s));
      this.#inAnn[s] = 0;
      this.#owner[s] = -1;
      this.#gen[s] = (this.#gen[s]! + 1) >>> 0;
      this.#free.push(s);
    }
    if (this.#ann && gone.length) this.#ann.remove(BigUint64Array.from(gone));
  }

  /** The k people with the most similar exemplar to unit vector q, most similar first, each once. */
  nearestPeople(q: Float32Array, k: number): Array<{ person: number; sim: number }> {
    if (k <= 0 || this.#count === 0) return [];
    this.#syncAnn();
    const best = new Map<number, number>();
    const offerSlot = (s: number): void => this.#offer(best, s, q, 0);
    if (this.#ann) {
      const want = Math.min(this.#count, k * 8 + 16);
      const found = this.#ann.search(q, want, 1);
      for (let i = 0; i < found.keys.length; i++) {
        const key = found.keys[i]!;
        const s = Number(key & SLOT_MASK);
        if (s < this.#used && this.#inAnn[s] && this.#key(s) === key) offerSlot(s);
      }
    } else {
      for (let s = 0; s < this.#used; s++) offerSlot(s);
    }
    return ranked(best, k);
  }

  /**
   * nearestPeople for many unit vectors at once (rows [0, n) of `queries`), searched natively in one
   * multi-threaded batch: an exact search over the int8 rows while the exemplars are few, the HNSW index
   * above; the candidates are re-scored here like single queries.
   */
  nearestPeopleMany(queries: Float32Array, n: number, k: number): Array<Array<{ person: number; sim: number }>> {
    const dim = this.#dim;
    if (k <= 0 || this.#count === 0 || n === 0) return Array.from({ length: n }, () => []);
    this.#syncAnn();
    const threads = n > 16 ? availableParallelism() : 1;
    const out: Array<Array<{ person: number; sim: number }>> = [];
    for (let from = 0; from < n; from += BATCH) {
      const to = Math.min(n, from + BATCH);
      let keys: BigUint64Array;
      let per: number;
      let counts: BigUint64Array | null = null;
      if (this.#ann) {
        per = Math.min(this.#count, k * 8 + 16);
        const found = this.#ann.search(queries.subarray(from * dim, to * dim), per, threads);
        keys = found.keys;
        if (to - from > 1) counts = (found as unknown as Usearch.BatchMatches).counts;
      } else {
        // Free slots still hold old rows: ask for enough that they cannot crowd out live ones.
        per = Math.min(this.#used, k * 8 + 16 + this.#free.length);
        const q = new Int8Array((to - from) * dim);
        for (let r = 0; r < to - from; r++) encodeInt8Row(queries.subarray((from + r) * dim, (from + r + 1) * dim), q.subarray(r * dim, (r + 1) * dim));
        // usearch 2.26's exactSearch reads each array from the start of its buffer: #q owns its buffer from offset 0.
        const found = usearch.exactSearch(this.#q.subarray(0, this.#used * dim), q, dim, per, usearch.MetricKind.Cos, threads);
        keys = found.keys;
        if (to - from > 1) counts = (found as Usearch.BatchMatches).counts;
      }
      for (let r = 0; r < to - from; r++) {
        const best = new Map<number, number>();
        const got = counts ? Number(counts[r]) : per;
        for (let e = 0; e < got && r * per + e < keys.length; e++) {
          const key = keys[r * per + e]!;
          const s = Number(key & SLOT_MASK);
          if (s >= this.#used) continue;
          if (this.#ann && !(this.#inAnn[s] && this.#key(s) === key)) continue;
          this.#offer(best, s, queries, (from + r) * dim);
        }
        out.push(ranked(best, k));
      }
    }
    return out;
  }

  #offer(best: Map<number, number>, s: number, q: Float32Array, qo: number): void {
    const person = this.#owner[s]!;
    if (person < 0) return;
    const sim = dotI8F32(this.#q, s * this.#dim, q, qo, this.#dim) * this.#scale[s]!;
    const had = best.get(person);
    if (had === undefined || sim > had) best.set(person, sim);
  }

  #key(s: number): bigint {
    return (BigInt(this.#gen[s]!) << 32n) | BigInt(s);
  }

  #alloc(): number {
    const s = this.#free.pop();
    if (s !== undefined) return s;
    if (this.#used === this.#owner.length) this.#grow();
    return this.#used++;
  }

  #grow(): void {
    const cap = this.#owner.length * 2;
    const q = new Int8Array(cap * this.#dim);
    q.set(this.#q);
    this.#q = q;
    const scale = new Float32Array(cap);
    scale.set(this.#scale);
    this.#scale = scale;
    const owner = new Int32Array(cap).fill(-1);
    owner.set(this.#owner);
    this.#owner = owner;
    const gen = new Uint32Array(cap);
    gen.set(this.#gen);
    this.#gen = gen;
    const inAnn = new Uint8Array(cap);
    inAnn.set(this.#inAnn);
    this.#inAnn = inAnn;
  }

  /** Build, feed or drop the HNSW index as the number of exemplars crosses the threshold (with hysteresis). */
  #syncAnn(): void {
    if (!this.#ann) {
      if (this.#count <= this.#annAbove) return;
      this.#ann = new usearch.Index({ metric: usearch.MetricKind.Cos, quantization: usearch.ScalarKind.I8, dimensions: this.#dim, connectivity: 16, expansion_add: 64, expansion_search: 128, multi: false });
      this.#pending = [];
      for (let s = 0; s < this.#used; s++) if (this.#owner[s]! >= 0) this.#pending.push(s);
    } else if (this.#count < this.#annAbove / 2) {
      this.#ann = null;
      this.#inAnn.fill(0);
      this.#pending = [];
      return;
    }
    if (this.#pending.length === 0) return;
    const slots: number[] = [];
    for (const s of this.#pending) {
      if (this.#owner[s]! < 0 || this.#inAnn[s]) continue; // removed since, or listed twice
      this.#inAnn[s] = 1;
      slots.push(s);
    }
    this.#pending = [];
    const dim = this.#dim;
    const batch = 16_384;
    for (let from = 0; from < slots.length; from += batch) {
      const part = slots.slice(from, from + batch);
      const keys = new BigUint64Array(part.length);
      const rows = new Float32Array(part.length * dim);
      part.forEach((s, r) => {
        keys[r] = this.#key(s);
        const scale = this.#scale[s]!;
        for (let d = 0; d < dim; d++) rows[r * dim + d] = this.#q[s * dim + d]! * scale;
      });
      this.#ann.add(keys, rows, part.length > 64 ? availableParallelism() : 1);
    }
  }
}

function ranked(best: Map<number, number>, k: number): Array<{ person: number; sim: number }> {
  const out: Array<{ person: number; sim: number }> = [];
  for (const [person, sim] of best) out.push({ person, sim });
  out.sort((a, b) => b.sim - a.sim || a.person - b.person);
  return out.length > k ? out.slice(0, k) : out;
}
