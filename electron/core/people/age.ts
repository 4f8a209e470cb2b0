// Age-aware matching. With a person's birth date and a photo's date, a face has an age: nobody is in a
// photo taken before they were born, and children change so fast that a face at 3 and the same child at 9
// are further apart than two adults' photos ten years apart. So a person's exemplars are spread over age
// bands (a new photo is compared with the person at about that age, when there are such photos), and a
// child's face that is years away from every exemplar may match with a somewhat lower similarity.

const YEAR_MS = 365.25 * 24 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** Age bands in years (lower bounds): small children change fastest, adults slowly. */
export const AGE_BANDS = [0, 2, 5, 9, 13, 18, 30] as const;

/** Epoch ms of a birth date (YYYY-MM-DD, midnight UTC), or null. */
export function birthMs(birthDate: string | null | undefined): number | null {
  if (!birthDate) return null;
  const t = Date.parse(`${birthDate}T00:00:00Z`);
  return Number.isFinite(t) ? t : null;
}

/** Age in years at a photo's date, or null when either date is unknown. */
export function ageAt(birth: number | null, takenAt: number | null): number | null {
  if (birth === null || takenAt === null) return null;
  return (takenAt - birth) / YEAR_MS;
}

/**
 * Whether the person could be in a photo of that date: not when it was taken before they were born.
 * A day of slack: photo times are camera-local, birth dates have no time zone.
 */
export function bornBy(birth: number | null, takenAt: number | null): boolean {
  return birth === null || takenAt === null || takenAt >= birth - DAY_MS;
}

export function ageBand(age: number | null): number {
  if (age === null) return -1;
  let band = 0;
  for (let b = 0; b < AGE_BANDS.length; b++) if (age >= AGE_BANDS[b]!) band = b;
  return band;
}

export interface AgeTolerance {
  /** Below this age a face counts as a child's. */
  childUntil: number;
  /** Similarity the bar drops per year between the face's age and the nearest exemplar's... */
  perYear: number;
  /** ...up to this much. */
  max: number;
}

/**
 * How much lower the match bar may be for a face of `age` whose person's nearest-in-age exemplar is
 * `gap` years away: nothing for adults or small gaps, a little more per year for children.
 */
export function ageAllowance(age: number | null, gap: number | null, t: AgeTolerance): number {
  if (age === null || gap === null || age >= t.childUntil || gap < 1) return 0;
  return Math.min(t.max, t.perYear * gap);
}
