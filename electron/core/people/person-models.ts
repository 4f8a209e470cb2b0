import type { Catalogue } from '../catalogue/catalogue.ts';
import type { FaceId, LibraryId, PersonId } from '../../../shared/ids.ts';
import { decodeInto } from '../catalogue/embedding.codec.ts';
import { ExemplarIndex } from './exemplar-index.ts';
import { selectExemplars } from './exemplars.ts';
import type { PeopleParams } from './params.ts';
import { dotRows } from './vectors.ts';

export interface PersonCandidate {
  personId: PersonId;
  /** Cosine similarity to the person's nearest exemplar. */
  sim: number;
}

interface Exemplars {
  faceIds: FaceId[];
  rows: Float32Array;
}

/**
 * Each person of a library as a handful of exemplar faces, in a nearest-neighbour index. Built lazily,
 * then kept current by re-reading only the people an operation marked dirty.
 */
export class LibraryModels {
  readonly #catalogue: Catalogue;
  readonly #libraryId: LibraryId;
  readonly #params: PeopleParams;
  readonly #index: ExemplarIndex;
  readonly #slotOf = new Map<PersonId, number>();
  readonly #personAt: PersonId[] = [];
  readonly #exemplars = new Map<PersonId, Exemplars>();
  readonly #dirty = new Set<PersonId>();
  #loaded = false;

  constructor(catalogue: Catalogue, libraryId: LibraryId, params: PeopleParams) {
    this.#catalogue = catalogue;
    this.#libraryId = libraryId;
    this.#params = params;
    this.#index = new ExemplarIndex(params.embeddingDim);
  }

  markDirty(people: Iterable<PersonId | null | undefined>): void {
    for (const p of people) if (p) this.#dirty.add(p);
  }

  /** The people most like `q`, best first, one entry per person, skipping those `skip` rules out. */
  nearest(q: Float32Array, k: number, skip?: (p: PersonId) => boolean): PersonCandidate[] {
    this.#refresh();
    const out: PersonCandidate[] = [];
    for (let want = k + 4; ; want *= 4) {
      const found = this.#index.nearestPeople(q, want);
      out.length = 0;
      for (const { person, sim } of found) {
        const id = this.#personAt[person]!;
        if (!skip?.(id)) out.push({ personId: id, sim });
        if (out.length === k) return out;
      }
      if (found.length < want || want > 4096) return out;
    }
  }

  /** Similarity of `q` to a person's nearest exemplar, not counting `exceptFace` itself; null if nothing is left. */
  simTo(q: Float32Array, personId: PersonId, exceptFace?: FaceId): number | null {
    this.#refresh();
    const ex = this.#exemplars.get(personId);
    if (!ex) return null;
    const dim = this.#params.embeddingDim;
    let best: number | null = null;
    ex.faceIds.forEach((f, i) => {
      if (f === exceptFace) return;
      const s = dotRows(ex.rows, i, q, 0, dim);
      if (best === null || s > best) best = s;
    });
    return best;
  }

  get peopleCount(): number {
    this.#refresh();
    return this.#exemplars.size;
  }

  #refresh(): void {
    if (!this.#loaded) {
      this.#loadAll();
      this.#loaded = true;
      this.#dirty.clear();
      return;
    }
    for (const p of this.#dirty) this.#reload(p);
    this.#dirty.clear();
  }

  /** Read one person's faces again: catalogued ones, and those a client added from uploads (always pinned). */
  #reload(p: PersonId): void {
    const dim = this.#params.embeddingDim;
    if (this.#catalogue.people.mergedInto(p) !== null) {
      this.#drop(p);
      return;
    }
    const set = this.#catalogue.faces.embeddings(this.#libraryId, dim, { personId: p });
    const added = this.#catalogue.personFaces.embeddings(p, dim);
    const n = set.ids.length;
    if (n + added.ids.length === 0) {
      this.#drop(p);
      return;
    }
    const vectors = added.ids.length ? new Float32Array((n + added.ids.length) * dim) : set.vectors;
    if (added.ids.length) {
      vectors.set(set.vectors.subarray(0, n * dim));
      vectors.set(added.vectors, n * dim);
    }
    this.#put(p, [...set.ids, ...(added.ids as FaceId[])], vectors, (i) => i >= n || set.assignments[i] === 'user');
  }

  /** One pass over the library's faces grouped by person, holding one person's vectors at a time. */
  #loadAll(): void {
    const dim = this.#params.embeddingDim;
    const rows = this.#catalogue.db
      .prepare(`SELECT person_id, id, assignment, embedding FROM faces WHERE library_id = ? AND person_id IS NOT NULL AND embedding IS NOT NULL ORDER BY person_id`)
      .raw()
      .iterate(this.#libraryId) as IterableIterator<[PersonId, FaceId, string | null, Buffer]>;
    let current: PersonId | null = null;
    let ids: FaceId[] = [];
    let pinned: boolean[] = [];
    let buf = new Float32Array(64 * dim);
    const flush = () => {
      if (current && ids.length) this.#put(current, ids, buf, (i) => pinned[i]!);
    };
    for (const [person, id, assignment, blob] of rows) {
      if (person !== current) {
        flush();
        current = person;
        ids = [];
        pinned = [];
      }
      if ((ids.length + 1) * dim > buf.length) {
        const bigger = new Float32Array(buf.length * 2);
        bigger.set(buf);
        buf = bigger;
      }
      decodeInto(blob, buf, ids.length, dim);
      ids.push(id);
      pinned.push(assignment === 'user');
    }
    flush();
    // People with faces added from uploads are read again with them (few, and only in face-API libraries).
    for (const p of this.#catalogue.personFaces.peopleWithFaces(this.#libraryId)) this.#reload(p);
  }

  #put(person: PersonId, ids: FaceId[], vectors: Float32Array, pinned: (i: number) => boolean): void {
    const dim = this.#params.embeddingDim;
    const pick = selectExemplars(vectors, ids.length, dim, pinned, this.#params.exemplars, this.#params.exemplarOutlierShare);
    const rows = new Float32Array(pick.length * dim);
    pick.forEach((src, i) => rows.set(vectors.subarray(src * dim, (src + 1) * dim), i * dim));
    this.#exemplars.set(person, { faceIds: pick.map((i) => ids[i]!), rows });
    let slot = this.#slotOf.get(person);
    if (slot === undefined) {
      slot = this.#personAt.push(person) - 1;
      this.#slotOf.set(person, slot);
    }
    this.#index.upsert(slot, rows);
  }

  #drop(person: PersonId): void {
    this.#exemplars.delete(person);
    const slot = this.#slotOf.get(person);
    if (slot !== undefined) this.#index.remove(slot);
  }
}
