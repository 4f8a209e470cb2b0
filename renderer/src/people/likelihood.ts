/** Confidence as words: the number alone reads as certainty it is not. */
export function likelihood(c: number): string {
  if (c >= 0.9) return 'Very likely';
  if (c >= 0.6) return 'Likely';
  if (c >= 0.35) return 'Possibly';
  return 'Unsure';
}
