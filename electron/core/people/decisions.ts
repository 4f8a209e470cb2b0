import type { Face } from '../../../shared/domain/face.ts';
import type { FaceId, LibraryId, PersonId } from '../../../shared/ids.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { statusOf } from './status.ts';

/** Faces by id, all in one library, or a not_found naming the first that is missing. */
export function facesInOneLibrary(catalogue: Catalogue, ids: readonly FaceId[]): { faces: Face[]; libraryId: LibraryId } {
  const faces = [...new Set(ids)].map((id) => {
    const f = catalogue.faces.get(id);
    if (!f) throw new KindredError('not_found', `No face ${id}.`);
    return f;
  });
  const libraryId = faces[0]!.library_id;
  if (faces.some((f) => f.library_id !== libraryId)) throw new KindredError('invalid_input', 'The faces belong to different libraries.');
  return { faces, libraryId };
}

/** A live (not merged-away) person, or not_found — which says where a merged person went. */
export function livePerson(catalogue: Catalogue, id: PersonId): { libraryId: LibraryId } {
  const libraryId = catalogue.people.libraryOf(id);
  if (!libraryId) throw new KindredError('not_found', `No person ${id}.`);
  const into = catalogue.people.mergedInto(id);
  if (into) throw new KindredError('not_found', `Person ${id} was merged into ${into}.`);
  return { libraryId };
}

/**
 * The user puts faces in a person: they are pinned there, and a rejection of that pairing is lifted
 * (the newer decision wins). Returns the people whose faces changed.
 */
export function assignByUser(catalogue: Catalogue, faces: Face[], personId: PersonId): Set<PersonId> {
  const changed = new Set<PersonId>([personId]);
  const now = Date.now();
  for (const f of faces) {
    if (f.person_id) changed.add(f.person_id);
    catalogue.rejections.remove(f.id, personId);
    catalogue.faces.setPerson(f.id, personId, 'user', now);
  }
  refreshStatus(catalogue, personId);
  return changed;
}

/**
 * The user takes faces out of their person. They stay out of automatic placement (the user decided);
 * with `reject`, "not this person" is recorded as a cannot-link too, so even a re-cluster or a future
 * "yes" from another route cannot put them back silently.
 */
export function detachByUser(catalogue: Catalogue, faces: Face[], reject: boolean): Set<PersonId> {
  const changed = new Set<PersonId>();
  const now = Date.now();
  for (const f of faces) {
    if (f.person_id) {
      changed.add(f.person_id);
      if (reject) catalogue.rejections.add(f.id, f.person_id, now);
    }
    catalogue.faces.setPerson(f.id, null, 'user', now);
  }
  return changed;
}

export function refreshStatus(catalogue: Catalogue, personId: PersonId): void {
  const p = catalogue.people.get(personId);
  if (p) catalogue.people.update(personId, { status: statusOf(p) });
}
