import { REFERENCE_TAIL, rescaleBar, type StrangerTail } from './stranger-tail.ts';

/**
 * Tuned on the LFW dev sets in ../shared/data with fr_feature embeddings (`npm run eval:people`, with
 * `--set scale` for a 7k-photo library; `npm run eval:calibrate`), from a plateau rather than a peak so
 * they transfer. Similarities are cosine.
 */
export const PEOPLE_PARAMS = {
  /** Average cosine similarity at which two groups of unplaced faces are taken to be one person. */
  linkThreshold: 0.4,
  /** Neighbours per face in the similarity graph. */
  neighbours: 16,
  /** A new person needs at least this many faces fit for recognition; smaller groups stay unassigned. */
  minPersonFaces: 2,
  /**
   * A new person of only two faces needs them at least this similar in a library of `scale.reference`
   * faces. Two strangers that look alike are the commonest false person, and their number grows with
   * the square of the library: on 7k LFW photos 168 faces have a stranger at ≥ 0.5 and 36 at ≥ 0.55.
   */
  pairSimilarity: 0.5,
  /** A face joins a person when its nearest exemplar of that person is at least this similar: stricter than FAR 1e-4 (0.41), since a wrong placement costs the user more than a missed one that grouping or review catches (eval:people F 0.976 at 0.42, 0.993 at 0.5)... */
  assignSimilarity: 0.5,
  /** ...and at least this much more similar than the nearest exemplar of any other person. */
  assignMargin: 0.06,
  /**
   * A new group joins an existing person as a whole when the group's faces and the person's exemplars
   * are this similar on average (and clearly more than to anyone else): photos of one person arriving
   * over several imports stay one person.
   */
  groupJoinSimilarity: 0.4,
  /** A low-quality face (tiny, blurred, turned away) joins a person only on a match this strong, and never founds one. */
  lowQualityAssignSimilarity: 0.6,
  /**
   * How the bars rise with the library, per tenfold growth from `reference` faces (never below the base
   * bars). The stranger similarity tail of this embedder falls about tenfold every 0.067 (7k LFW photos:
   * FAR 1.5e-4 at 0.40, 9e-7 at 0.55), so keeping the expected false people per face constant as the
   * library grows tenfold takes that much more similarity to found a person (linkage, pairs, whole
   * groups joining someone). Joining one by a single face also asks it to beat every other person by a
   * margin, which already guards against look-alikes, so its bar rises more slowly.
   */
  scale: { reference: 1000, founding: 0.067, joining: 0.03 },
  /** Exemplars kept per person: people change with age, glasses, pose, so one mean is not enough. */
  exemplars: 8,
  /** Share of a big person's faces, least like the rest, that may not be exemplars (likely mistakes). */
  exemplarOutlierShare: 0.1,
  /** People looked at per face when assigning or explaining. */
  candidates: 6,
  /** Children change fast: a child's face years away from every exemplar of its person may match a little lower (age.ts). */
  age: { childUntil: 16, perYear: 0.01, max: 0.05 },
  embeddingDim: 512,
};
export type PeopleParams = typeof PEOPLE_PARAMS;

/**
 * The bar `base` raised for a library of `faces` faces (see PEOPLE_PARAMS.scale), in a library whose
 * strangers look as alike as `tail` says (stranger-tail.ts); never below `base`.
 */
export function scaledBar(base: number, faces: number, params: PeopleParams, kind: 'founding' | 'joining', tail: StrangerTail = REFERENCE_TAIL): number {
  const decades = Math.max(0, Math.log10(Math.max(1, faces) / params.scale.reference));
  return Math.max(base, rescaleBar(base + decades * params.scale[kind], tail));
}
