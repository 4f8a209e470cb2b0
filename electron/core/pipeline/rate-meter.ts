/** Files per second over a sliding window, so the ETA follows the current pace, not the start-up. */
export class RateMeter {
  readonly #windowMs: number;
  readonly #samples: Array<{ t: number; done: number }> = [];

  constructor(windowMs = 15_000) {
    this.#windowMs = windowMs;
  }

  record(done: number, t = performance.now()): void {
    this.#samples.push({ t, done });
    while (this.#samples.length > 2 && t - this.#samples[0]!.t > this.#windowMs) this.#samples.shift();
  }

  /** Null until two samples at least half a second apart exist. */
  rate(): number | null {
    const first = this.#samples[0];
    const last = this.#samples[this.#samples.length - 1];
    if (!first || !last || last.t - first.t < 500) return null;
    return ((last.done - first.done) * 1000) / (last.t - first.t);
  }

  eta(remaining: number): number | null {
    const r = this.rate();
    if (r === null || r <= 0) return null;
    return Math.round(remaining / r);
  }
}
