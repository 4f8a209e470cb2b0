/**
 * A max-heap of (key, a, b, stamp) on typed arrays: 16 bytes an entry (float32 key, int32 payload).
 * Candidate merges number in the tens of millions at a million faces, and object-per-entry heaps spend
 * most of their time in the garbage collector. Keys are stored as float32: compare them with
 * Math.fround(x) when x is a float64 bound.
 */
export class MaxHeap {
  #keys: Float32Array;
  #a: Int32Array;
  #b: Int32Array;
  #stamp: Int32Array;
  #size = 0;

  constructor(capacity = 1024) {
    const c = Math.max(1, capacity);
    this.#keys = new Float32Array(c);
    this.#a = new Int32Array(c);
    this.#b = new Int32Array(c);
    this.#stamp = new Int32Array(c);
  }

  get size(): number {
    return this.#size;
  }

  push(key: number, a: number, b: number, stamp: number): void {
    if (this.#size === this.#keys.length) this.#grow();
    let i = this.#size++;
    const k = Math.fround(key);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.#keys[p]! >= k) break;
      this.#move(p, i);
      i = p;
    }
    this.#set(i, k, a, b, stamp);
  }

  /** Append without ordering; call heapify() before the next pop or push. Building a heap this way is O(n). */
  append(key: number, a: number, b: number, stamp: number): void {
    if (this.#size === this.#keys.length) this.#grow();
    this.#set(this.#size++, key, a, b, stamp);
  }

  heapify(): void {
    for (let i = (this.#size >> 1) - 1; i >= 0; i--) this.#siftDown(i, this.#keys[i]!, this.#a[i]!, this.#b[i]!, this.#stamp[i]!, this.#size);
  }

  /** Remove the top entry, writing it into `out`; false when empty. */
  pop(out: { key: number; a: number; b: number; stamp: number }): boolean {
    if (this.#size === 0) return false;
    out.key = this.#keys[0]!;
    out.a = this.#a[0]!;
    out.b = this.#b[0]!;
    out.stamp = this.#stamp[0]!;
    const last = --this.#size;
    if (last > 0) this.#siftDown(0, this.#keys[last]!, this.#a[last]!, this.#b[last]!, this.#stamp[last]!, last);
    return true;
  }

  /** Place (key, a, b, stamp) at or below i in a heap of `size` entries. */
  #siftDown(i: number, key: number, a: number, b: number, stamp: number, size: number): void {
    const keys = this.#keys;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const r = l + 1;
      const c = r < size && keys[r]! > keys[l]! ? r : l;
      if (keys[c]! <= key) break;
      this.#move(c, i);
      i = c;
    }
    this.#set(i, key, a, b, stamp);
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
    const keys = new Float32Array(n);
    keys.set(this.#keys);
    this.#keys = keys;
    const a = new Int32Array(n);
    a.set(this.#a);
    this.#a = a;
    const b = new Int32Array(n);
    b.set(this.#b);
    this.#b = b;
    const stamp = new Int32Array(n);
    stamp.set(this.#stamp);
    this.#stamp = stamp;
  }
}
