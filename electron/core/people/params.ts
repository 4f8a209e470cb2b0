/**
 * Tuned on the LFW dev set in ../shared/data with fr_feature embeddings (`npm run eval:people`,
 * `npm run eval:calibrate`), from a plateau rather than a peak so they transfer. Similarities are cosine.
 */
export const PEOPLE_PARAMS = {
  /** Average cosine similarity at which two groups of unplaced faces are taken to be one person. */
  linkThreshold: 0.4,
  /** Neighbours per face in the similarity graph. */
  neighbours: 16,
  /** A new person needs at least this many faces; smaller groups stay unassigned. */
  minPersonFaces: 2,
  /** A face joins a person when its nearest exemplar of that person is at least this similar: stricter than FAR 1e-4 (0.41), since a wrong placement costs the user more than a missed one that grouping or review catches (eval:people F 0.976 at 0.42, 0.993 at 0.5)... */
  assignSimilarity: 0.5,
  /** ...and at least this much more similar than the nearest exemplar of any other person. */
  assignMargin: 0.06,
  /** Exemplars kept per person: people change with age, glasses, pose, so one mean is not enough. */
  exemplars: 8,
  /** Share of a big person's faces, least like the rest, that may not be exemplars (likely mistakes). */
  exemplarOutlierShare: 0.1,
  /** People looked at per face when assigning or explaining. */
  candidates: 6,
  embeddingDim: 512,
};
export type PeopleParams = typeof PEOPLE_PARAMS;
