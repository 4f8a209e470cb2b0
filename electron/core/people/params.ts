/**
 * Tuned on the LFW dev set in ../shared/data with fr_feature embeddings (see `npm run eval:faces`),
 * from a plateau rather than a peak so they transfer.
 */
export const PEOPLE_PARAMS = {
  /** Average cosine similarity at which two groups of faces are taken to be one person. */
  linkThreshold: 0.4,
  /** Neighbours per face in the similarity graph. */
  neighbours: 16,
  /** A new person needs at least this many faces; smaller groups stay unassigned. */
  minPersonFaces: 2,
  embeddingDim: 512,
};
