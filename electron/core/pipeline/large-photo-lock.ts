/**
 * A worker has PHOTOS_PER_WORKER photos in hand so that small ones overlap; a large one would bring a
 * second large working image and decode buffers along (~200 MB more peak RSS on the odd-file corpus),
 * so large photos take this lock and a worker analyses one of them at a time, as before.
 */
export const LARGE_PHOTO_PIXELS = 4_000_000;

/** A FIFO lock within one worker thread. */
export class LargePhotoLock {
  #tail: Promise<void> = Promise.resolve();

  /** Wait for the lock; returns its release. */
  async enter(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const before = this.#tail;
    this.#tail = before.then(() => held);
    await before;
    return release;
  }
}

/** Large, or of a size only decoding tells (RAW, HEVC HEIF: counted as large). */
export const isLargePhoto = (pixels: number): boolean => pixels === 0 || pixels > LARGE_PHOTO_PIXELS;
