/**
 * Photos far bigger than a camera makes (a 196-MP panorama or scan) cost two ordinary photos' memory
 * to decode and detect in: analysed one at a time across all workers, so two of them never add up.
 * The lock lives in a SharedArrayBuffer every worker gets; a holder that died (a worker killed by its
 * resource limits) is stolen from once its lease runs out.
 */
export const BIG_PHOTO_PIXELS = 40_000_000;

const LEASE_MS = 60_000;
const POLL_MS = 50;
const FREE = 0;
const HELD = 1;

export function newBigPhotoLock(): SharedArrayBuffer {
  return new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
}

export class BigPhotoGate {
  /** [state, lease start in seconds (low 31 bits), unused] */
  readonly #cells: Int32Array;

  constructor(lock: SharedArrayBuffer) {
    this.#cells = new Int32Array(lock);
  }

  /** Wait for the gate (without blocking this thread's event loop); returns its release (idempotent). */
  async enter(): Promise<() => void> {
    for (;;) {
      if (Atomics.compareExchange(this.#cells, 0, FREE, HELD) === FREE) {
        Atomics.store(this.#cells, 1, now());
        let open = true;
        return () => {
          if (open) Atomics.store(this.#cells, 0, FREE);
          open = false;
        };
      }
      if (now() - Atomics.load(this.#cells, 1) > LEASE_MS / 1000) {
        Atomics.store(this.#cells, 0, FREE); // the holder is gone: its lease ran out
        continue;
      }
      await new Promise((r) => setTimeout(r, POLL_MS)); // rare (big photos only): polling is enough
    }
  }
}

const now = (): number => Math.floor(Date.now() / 1000) & 0x7fffffff;
