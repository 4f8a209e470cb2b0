/**
 * A max-heap of (key, payload) on typed arrays. Candidate merges number in the millions at scale, and
 * object-per-entry heaps spend most of their time in the garbage collector.
 */
export class MaxHeap {
  #keys: Float64Array;
  #a: Int32Array;
  #b: Int32Array;
  #stamp: Float64Array;
  #size = 0;

  constructor(capacity = 1024) {
    this.#keys = new Float64Array(capacity);
    this.#a = new Int32Array(capacity);
    this.#b = new Int32Array(capacity);
    this.#stamp = new Float64Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  push(key: number, a: number, b: number, stamp: number): void {
    if (this.#size === this.#keys.length) this.#grow();
    let i = this.#size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.#keys[p]! >= key) break;
      this.#move(p, i);
      i = p;
    }
    this.#set(i, key, a, b, stamp);
  }

  /** Remove the top entry, writing it into `out`; false when empty. */
  pop(out: { key: number; a: number; b: number; stamp: number }): boolean {
    if (this.#size === 0) return false;
    out.key = this.#keys[0]!;
    out.a = this.#a[0]!;
    out.b = this.#b[0]!;
    out.stamp = this.#stamp[0]!;
    const last = --this.#size;
    if (last > 0) {
      const key = this.#keys[last]!;
      const a = this.#a[last]!;
      const b = this.#b[last]!;
      const stamp = this.#stamp[last]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= last) break;
        const r = l + 1;
        const c = r < last && this.#keys[r]! > this.#keys[l]! ? r : l;
        if (this.#keys[c]! <= key) break;
        this.#move(c, i);
        i = c;
      }
      this.#set(i, key, a, b, stamp);
    }
    return true;
  }

  #set(i: number, key: number, a: number, b: number, stamp: number): void {
    this.#keys[i] = key;
    this.#a[i] = a;
    this.#b[i] = b;
    this.#stamp[i] = stamp;
  }

  #move(from: number, to: number): void {
    this.#keys[to] = this.#keys[from]!;
    this.#a[to] = this.#a[from]!;
    this.#b[to] = this.#b[from]!;
    this.#stamp[to] = this.#stamp[from]!;
  }

  #grow(): void {
    const n = this.#keys.length * 2;
    const grow = <T extends Float64Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(n);
      next.set(old);
      return next;
    };
    this.#keys = grow(this.#keys, (k) => new Float64Array(k));
    this.#a = grow(this.#a, (k) => new Int32Array(k));
    this.#b = grow(this.#b, (k) => new Int32Array(k));
    this.#stamp = grow(this.#stamp, (k) => new Float64Array(k));
  }
}
