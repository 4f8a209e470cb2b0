/**
 * Confidence that two faces (or a face and a person's nearest exemplar) are the same person, from their
 * cosine similarity: a logistic curve. The slope is fitted by class-balanced logistic regression on all
 * 625k pairs of faces-dev's central faces (`npm run eval:calibrate`: slope 40.72, intercept -11.96,
 * balanced 0.5 at similarity 0.294). The intercept then takes a prior of one same-person pair in eleven
 * (ln 1/10 = -2.30), because in a library most pairs are strangers: 0.5 falls at similarity 0.350, next
 * to the false-accept rate 1e-3 point (0.339, TAR 0.991); 0.9 at 0.404 is about FAR 1e-4.
 */
export const CONFIDENCE_FIT = { slope: 40.72, intercept: -14.26 };

export function confidenceOf(similarity: number): number {
  const c = 1 / (1 + Math.exp(-(CONFIDENCE_FIT.slope * similarity + CONFIDENCE_FIT.intercept)));
  return Math.round(c * 1e4) / 1e4;
}

export function similarityAt(confidence: number): number {
  return (Math.log(confidence / (1 - confidence)) - CONFIDENCE_FIT.intercept) / CONFIDENCE_FIT.slope;
}
