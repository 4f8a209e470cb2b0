import type { Catalogue } from '../catalogue/catalogue.ts';
import type { FaceId, LibraryId, PersonId } from '../../../shared/ids.ts';
import { decodeInto } from '../catalogue/embedding.codec.ts';
import { ageAt, ageBand, birthMs } from './age.ts';
import { ExemplarIndex } from './exemplar-index.ts';
import { selectExemplarsByAge } from './exemplars.ts';
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
  /** Sum of all the person's face vectors and how many: average similarities to the whole person. */
  sum: Float32Array;
  count: number;
  /** Age in years at each exemplar's photo, where the birth date and the photo's date are known. */
  ages: Array<number | null>;
}

export interface ModelsOptions {
  /** People left out of the models (a re-cluster dissolves them), as if they had no faces. */
  exclude?: ReadonlySet<PersonId>;
}

/**
 * Each person of a library as a handful of exemplar faces, in a nearest-neighbour index. Built lazily,
 * then kept current by re-reading only the people an operation marked dirty.
 */
export class LibraryModels {
  readonly #catalogue: Catalogue;
  readonly #libraryId: LibraryId;
  readonly #params: PeopleParams;
  readonly #exclude: ReadonlySet<PersonId>;
  readonly #index: ExemplarIndex;
  readonly #slotOf = new Map<PersonId, number>();
  readonly #personAt: PersonId[] = [];
  readonly #exemplars = new Map<PersonId, Exemplars>();
  readonly #birth = new Map<PersonId, number>();
  readonly #dirty = new Set<PersonId>();
  #loaded = false;

  constructor(catalogue: Catalogue, libraryId: LibraryId, params: PeopleParams, opts: ModelsOptions = {}) {
    this.#catalogue = catalogue;
    this.#libraryId = libraryId;
    this.#params = params;
    this.#exclude = opts.exclude ?? new Set();
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

  /**
   * nearest() for rows `rows` of a packed matrix at once (one native batch search), skipping per row what
   * `skip(row, person)` rules out. Rows whose candidates were mostly skipped are asked again one by one.
   */
  nearestMany(vectors: Float32Array, rows: readonly number[], k: number, skip?: (row: number, p: PersonId) => boolean): PersonCandidate[][] {
    this.#refresh();
    const dim = this.#params.embeddingDim;
    const packed = new Float32Array(rows.length * dim);
    rows.forEach((r, i) => packed.set(vectors.subarray(r * dim, (r + 1) * dim), i * dim));
    const want = k + 4;
    return this.#index.nearestPeopleMany(packed, rows.length, want).map((found, i) => {
      const row = rows[i]!;
      const out: PersonCandidate[] = [];
      for (const { person, sim } of found) {
        const id = this.#personAt[person]!;
        if (!skip?.(row, id)) out.push({ personId: id, sim });
        if (out.length === k) return out;
      }
      return found.length < want ? out : this.nearest(packed.subarray(i * dim, (i + 1) * dim), k, (p) => skip?.(row, p) ?? false);
    });
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

  /** A person's exemplars (faces and unit rows), for person-to-person comparisons. */
  exemplarsOf(personId: PersonId): { faceIds: readonly FaceId[]; rows: Float32Array } | null {
    this.#refresh();
    return this.#exemplars.get(personId) ?? null;
  }

  /** The sum of a person's face vectors and their number (dot with another sum / both counts = average similarity). */
  sumOf(personId: PersonId): { sum: Float32Array; count: number } | null {
    this.#refresh();
    const ex = this.#exemplars.get(personId);
    return ex ? { sum: ex.sum, count: ex.count } : null;
  }

  /** People that have exemplars. */
  people(): PersonId[] {
    this.#refresh();
    return [...this.#exemplars.keys()];
  }

  /** Birth date of a person as epoch ms, if the user gave one. */
  birthOf(personId: PersonId): number | null {
    this.#refresh();
    return this.#birth.get(personId) ?? null;
  }

  /** Years between `age` and the nearest age among the person's exemplars; null when no exemplar has an age. */
  ageGap(personId: PersonId, age: number | null): number | null {
    if (age === null) return null;
    const ex = this.#exemplars.get(personId);
    let gap: number | null = null;
    for (const a of ex?.ages ?? []) if (a !== null && (gap === null || Math.abs(a - age) < gap)) gap = Math.abs(a - age);
    return gap;
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
    if (this.#dirty.size === 0) return;
    this.#loadBirths();
    for (const p of this.#dirty) this.#reload(p);
    this.#dirty.clear();
  }

  #loadBirths(): void {
    this.#birth.clear();
    for (const [p, date] of this.#catalogue.people.birthDates(this.#libraryId)) {
      const ms = birthMs(date);
      if (ms !== null) this.#birth.set(p, ms);
    }
  }

  /** Read one person's faces again: catalogued ones, and those a client added from uploads (always pinned, no date). */
  #reload(p: PersonId): void {
    const dim = this.#params.embeddingDim;
    if (this.#exclude.has(p) || this.#catalogue.people.mergedInto(p) !== null) {
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
    const takenAt = [...set.takenAt, ...added.ids.map(() => null)];
    this.#put(p, [...set.ids, ...(added.ids as FaceId[])], vectors, (i) => i >= n || set.assignments[i] === 'user', takenAt);
  }

  /** One pass over the library's faces grouped by person, holding one person's vectors at a time. */
  #loadAll(): void {
    this.#loadBirths();
    const dim = this.#params.embeddingDim;
    let current: PersonId | null = null;
    let ids: FaceId[] = [];
    let pinned: boolean[] = [];
    let taken: Array<number | null> = [];
    let buf = new Float32Array(64 * dim);
    const flush = () => {
      if (current && ids.length && !this.#exclude.has(current)) this.#put(current, ids, buf, (i) => pinned[i]!, taken);
    };
    for (const [person, id, assignment, takenAt, blob] of this.#catalogue.faces.placedEmbeddings(this.#libraryId)) {
      if (person !== current) {
        flush();
        current = person;
        ids = [];
        pinned = [];
        taken = [];
      }
      if ((ids.length + 1) * dim > buf.length) {
        const bigger = new Float32Array(buf.length * 2);
        bigger.set(buf);
        buf = bigger;
      }
      decodeInto(blob, buf, ids.length, dim);
      ids.push(id);
      pinned.push(assignment === 'user');
      taken.push(takenAt);
    }
    flush();
    // People with faces added from uploads are read again with them (few, and only in face-API libraries).
    for (const p of this.#catalogue.personFaces.peopleWithFaces(this.#libraryId)) this.#reload(p);
  }

  #put(person: PersonId, ids: FaceId[], vectors: Float32Array, pinned: (i: number) => boolean, takenAt: ReadonlyArray<number | null>): void {
    const dim = this.#params.embeddingDim;
    const birth = this.#birth.get(person) ?? null;
    const ages = ids.map((_, i) => ageAt(birth, takenAt[i] ?? null));
    const pick = selectExemplarsByAge(vectors, ids.length, dim, pinned, ages.map(ageBand), this.#params.exemplars, this.#params.exemplarOutlierShare);
    const rows = new Float32Array(pick.length * dim);
    pick.forEach((src, i) => rows.set(vectors.subarray(src * dim, (src + 1) * dim), i * dim));
    const sum = new Float32Array(dim);
    for (let i = 0; i < ids.length; i++) for (let k = 0; k < dim; k++) sum[k]! += vectors[i * dim + k]!;
    this.#exemplars.set(person, { faceIds: pick.map((i) => ids[i]!), rows, ages: pick.map((i) => ages[i]!), sum, count: ids.length });
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
