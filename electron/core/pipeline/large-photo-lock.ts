/**
 * A worker has PHOTOS_PER_WORKER photos in hand so that they overlap. ONNX Runtime's working memory is
 * per session and grows to hold every run in flight, so two large photos detected at once in one worker
 * would keep two large inputs' activations (~150 MB more). A large photo's inference (detect and embed)
 * takes this lock; its decode and derived files overlap the other photo's inference (12-MP bench: 5.90
 * -> 6.25 photos/s, 1.79 -> 1.90 cores busy, against the whole analysis under the lock).
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
