import type { ClusterAssignment } from '../../../shared/domain/face.ts';
import type { Face } from '../../../shared/domain/face.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { PeopleEngine } from './engine.ts';

const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;

/**
 * Why a face is where it is: cosine distance to its person's nearest exemplar (other than itself) and
 * the nearest other people with theirs.
 */
export function explainFace(catalogue: Catalogue, engine: PeopleEngine, face: Face, maxCandidates: number): ClusterAssignment {
  const vec = catalogue.faces.embedding(face.id);
  if (!vec) return { distance_to_person: null, candidates: [] };
  const models = engine.models(face.library_id);
  const own = face.person_id;
  const sim = own ? models.simTo(vec, own, face.id) : null;
  const nearest = models.nearest(vec, maxCandidates, (p) => p === own);
  const names = catalogue.people.names(nearest.map((c) => c.personId));
  return {
    distance_to_person: sim === null ? null : round4(1 - sim),
    candidates: nearest.map((c) => ({ person_id: c.personId, distance: round4(1 - c.sim), name: names.get(c.personId) ?? null })),
  };
}
