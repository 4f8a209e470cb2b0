import type { Merge } from '../../../shared/domain/merge.ts';
import type { MergeId, PersonId } from '../../../shared/ids.ts';
import { KindredError } from '../../../shared/errors.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { MergeSnapshot } from '../catalogue/merge.repository.ts';
import { livePerson, refreshStatus } from './decisions.ts';

export interface MergeRequest {
  target: PersonId;
  sources: PersonId[];
  nameFrom: 'target' | 'source';
  birthDateFrom: 'target' | 'source';
}

/**
 * Which of the people being merged lives on: the named one (the requested target when it is named), else
 * the oldest, else the largest. Ids that scripts stored, and the cover the user chose, stay valid.
 */
export function survivorOf(catalogue: Catalogue, target: PersonId, sources: readonly PersonId[]): PersonId {
  const all = [target, ...sources].map((id) => catalogue.people.get(id)!);
  const named = all.filter((p) => p.name !== null);
  if (named.some((p) => p.id === target)) return target;
  const pool = named.length ? named : all;
  pool.sort((a, b) => a.created_at.localeCompare(b.created_at) || b.face_count - a.face_count || (a.id === target ? -1 : b.id === target ? 1 : 0));
  return pool[0]!.id;
}

/**
 * Fold people together: the survivor (survivorOf) keeps its id and cover, the others' faces move into it
 * (a must-link from now on: merged people are kept whole by every re-cluster), their rejections apply to
 * it too, and each merge is recorded with enough to undo it. `nameFrom` and `birthDateFrom` speak of the
 * requested target and sources, whichever survives. Call inside a transaction.
 */
export function mergePeople(catalogue: Catalogue, req: MergeRequest): { survivor: PersonId; merges: Merge[]; changed: Set<PersonId> } {
  const { libraryId } = livePerson(catalogue, req.target);
  const requested = [...new Set(req.sources)];
  if (requested.includes(req.target)) throw new KindredError('invalid_input', 'A person cannot be merged into themselves.', [{ path: 'source_person_ids', message: 'contains the target' }]);
  for (const s of requested) {
    if (livePerson(catalogue, s).libraryId !== libraryId) throw new KindredError('invalid_input', `Person ${s} is in another library.`);
  }
  const survivor = survivorOf(catalogue, req.target, requested);
  const sources = [req.target, ...requested].filter((p) => p !== survivor);
  const merges: Merge[] = [];
  const changed = new Set<PersonId>([survivor, ...sources]);
  const flip = (from: MergeRequest['nameFrom']) => (from === 'target' ? 'source' : 'target');
  for (const s of sources) {
    const target = catalogue.people.get(survivor)!;
    const source = catalogue.people.get(s)!;
    // When the requested target is the one folded in, "from the target" means from this source.
    const nameFrom = s === req.target ? flip(req.nameFrom) : req.nameFrom;
    const birthFrom = s === req.target ? flip(req.birthDateFrom) : req.birthDateFrom;
    const name = nameFrom === 'source' && source.name !== null ? source.name : target.name ?? source.name;
    const birth = birthFrom === 'source' && source.birth_date !== null ? source.birth_date : target.birth_date ?? source.birth_date;
    const faceIds = catalogue.faces.movePerson(s, survivor);
    const addedRejections = catalogue.rejections.copyPerson(s, survivor);
    // "Not the source" now means "not the target": automatic faces of the target rejected from the source leave.
    const detachedFaceIds = addedRejections.filter((f) => {
      const face = catalogue.faces.get(f);
      return face?.person_id === survivor && face.assignment === 'auto';
    });
    for (const f of detachedFaceIds) catalogue.faces.setPerson(f, null, null);
    const snapshot: MergeSnapshot = {
      source: {
        name: source.name,
        birth_date: source.birth_date,
        is_hidden: source.is_hidden,
        is_favorite: source.is_favorite,
        thumbnail_face_id: source.thumbnail_face_id,
        status: source.status,
        source: source.source,
      },
      targetBefore: { name: target.name, birth_date: target.birth_date, status: target.status, source: target.source },
      targetAfter: { name, birth_date: birth },
      faceIds,
      addedRejections,
      detachedFaceIds,
    };
    catalogue.people.update(survivor, { name, birth_date: birth, source: 'merged', is_favorite: target.is_favorite || source.is_favorite });
    catalogue.people.setMergedInto(s, survivor);
    const id = catalogue.merges.add(libraryId, survivor, s, snapshot);
    merges.push(stripSnapshot(catalogue.merges.get(id)!));
  }
  refreshStatus(catalogue, survivor);
  return { survivor, merges, changed };
}

/**
 * Undo a merge: the source person comes back with the faces it brought that are still in the target
 * (faces the user has moved since stay where the user put them), and the target gets back its name and
 * birth date unless the user has changed them since. Call inside a transaction.
 */
export function unmerge(catalogue: Catalogue, mergeId: MergeId): { target: PersonId; restored: PersonId } {
  const m = catalogue.merges.get(mergeId);
  if (!m) throw new KindredError('not_found', `No merge ${mergeId}.`);
  if (m.undone_at) throw new KindredError('conflict', `Merge ${mergeId} was already undone.`);
  const into = catalogue.people.mergedInto(m.target_person_id);
  if (into) throw new KindredError('conflict', `Person ${m.target_person_id} has since been merged into ${into}: undo that merge first.`);
  const s = m.snapshot;
  const now = Date.now();
  catalogue.people.setMergedInto(m.source_person_id, null, now);
  catalogue.people.update(m.source_person_id, s.source, now);
  for (const f of s.faceIds) {
    if (catalogue.faces.get(f)?.person_id === m.target_person_id) catalogue.faces.setPersonKeepingAssignment(f, m.source_person_id, now);
  }
  for (const f of s.addedRejections) catalogue.rejections.remove(f, m.target_person_id);
  for (const f of s.detachedFaceIds) {
    const face = catalogue.faces.get(f);
    if (face && face.person_id === null && face.assignment === null) catalogue.faces.setPerson(f, m.target_person_id, 'auto', now);
  }
  const target = catalogue.people.get(m.target_person_id)!;
  const stillAsMerged = target.name === s.targetAfter.name && target.birth_date === s.targetAfter.birth_date;
  const otherMerges = catalogue.merges.forTarget(m.target_person_id).some((x) => x.id !== m.id && !x.undone_at);
  catalogue.people.update(
    m.target_person_id,
    {
      ...(stillAsMerged ? { name: s.targetBefore.name, birth_date: s.targetBefore.birth_date } : {}),
      ...(otherMerges ? {} : { source: s.targetBefore.source }),
    },
    now,
  );
  catalogue.merges.markUndone(mergeId, now);
  refreshStatus(catalogue, m.target_person_id);
  refreshStatus(catalogue, m.source_person_id);
  catalogue.people.fillMissingThumbnails(m.library_id);
  return { target: m.target_person_id, restored: m.source_person_id };
}

export function stripSnapshot(m: Merge & { snapshot?: unknown; library_id?: unknown }): Merge {
  return {
    id: m.id,
    target_person_id: m.target_person_id,
    source_person_id: m.source_person_id,
    source_name: m.source_name,
    face_count: m.face_count,
    created_at: m.created_at,
    undone_at: m.undone_at,
  };
}
