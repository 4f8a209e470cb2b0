import type { FaceId, LibraryId, PersonId } from '../../../shared/ids.ts';
import type { AssetId } from '../../../shared/ids.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { averageLinkage } from './average-linkage.ts';
import { exactKnn } from './knn.ts';
import { PEOPLE_PARAMS } from './params.ts';

export interface GroupOutcome {
  assigned: number;
  newPeople: number;
  unassigned: number;
}

/**
 * Group a library's unassigned faces: they join an existing person when their group is close enough to
 * that person's faces, form new unnamed people when dense enough, and otherwise stay unassigned. Faces
 * already in a person never move here, and "not this person" is never crossed.
 */
export function groupFaces(catalogue: Catalogue, libraryId: LibraryId, params = PEOPLE_PARAMS): GroupOutcome {
  const set = catalogue.faces.embeddings(libraryId, params.embeddingDim);
  const n = set.ids.length;
  const outcome: GroupOutcome = { assigned: 0, newPeople: 0, unassigned: 0 };
  if (n === 0 || !set.personIds.some((p) => p === null)) return outcome;

  const personIndex = new Map<PersonId, number>();
  const people: PersonId[] = [];
  const anchors = new Int32Array(n).fill(-1);
  set.personIds.forEach((p, i) => {
    if (!p) return;
    let idx = personIndex.get(p);
    if (idx === undefined) {
      idx = people.push(p) - 1;
      personIndex.set(p, idx);
    }
    anchors[i] = idx;
  });
  const assetIndex = new Map<AssetId, number>();
  const assets = Int32Array.from(set.assetIds, (a) => {
    let idx = assetIndex.get(a);
    if (idx === undefined) assetIndex.set(a, (idx = assetIndex.size));
    return idx;
  });
  const rowOf = new Map<FaceId, number>(set.ids.map((id, i) => [id, i]));
  const forbidden = new Map<number, number[]>();
  for (const [face, rejected] of catalogue.rejections.forLibrary(libraryId)) {
    const row = rowOf.get(face);
    if (row === undefined) continue;
    const idx = [...rejected].map((p) => personIndex.get(p)).filter((x): x is number => x !== undefined);
    if (idx.length) forbidden.set(row, idx);
  }

  const graph = exactKnn(set.vectors, n, params.embeddingDim, params.neighbours);
  const result = averageLinkage({ n, dim: params.embeddingDim, vectors: set.vectors, graph, threshold: params.linkThreshold, assets, anchors, forbidden });

  catalogue.tx(() => {
    const created = new Map<number, PersonId>();
    for (let i = 0; i < n; i++) {
      if (set.personIds[i]) continue;
      const root = result.roots[i]!;
      const anchor = result.anchorOf(root);
      let person: PersonId | undefined;
      if (anchor >= 0) person = people[anchor];
      else if (result.sizeOf(root) >= params.minPersonFaces) {
        person = created.get(root);
        if (!person) {
          person = catalogue.people.create({ libraryId, source: 'auto', status: 'pending' });
          created.set(root, person);
          outcome.newPeople++;
        }
      }
      if (person) {
        catalogue.faces.setPerson(set.ids[i]!, person, 'auto');
        outcome.assigned++;
      } else outcome.unassigned++;
    }
    catalogue.people.fillMissingThumbnails(libraryId);
  });
  return outcome;
}
