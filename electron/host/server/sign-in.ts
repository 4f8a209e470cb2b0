import { randomBytes } from 'node:crypto';
import { sameSecret } from './guard.ts';

const MAX_OUTSTANDING = 32;

/**
 * One-time sign-in codes. `kindred serve` prints a URL carrying one; opening it trades the code for
 * the HttpOnly session cookie. The session secret itself is never printed, put in a URL, or given to
 * page script, so a URL left in a terminal scrollback or browser history opens nothing.
 */
export class SignInCodes {
  readonly #codes = new Set<string>();

  issue(): string {
    const code = randomBytes(18).toString('base64url');
    this.#codes.add(code);
    // Unused links do not pile up: the oldest lapses once there are many outstanding.
    if (this.#codes.size > MAX_OUTSTANDING) this.#codes.delete(this.#codes.values().next().value!);
    return code;
  }

  /** True once per issued code. */
  redeem(given: unknown): boolean {
    if (typeof given !== 'string') return false;
    for (const code of this.#codes) {
      if (sameSecret(given, code)) {
        this.#codes.delete(code);
        return true;
      }
    }
    return false;
  }
}
