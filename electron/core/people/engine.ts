import type { Catalogue } from '../catalogue/catalogue.ts';
import type { FaceId, LibraryId, PersonId } from '../../../shared/ids.ts';
import { assignUnplaced } from './assign.ts';
import { groupUnplaced } from './group-faces.ts';
import { PEOPLE_PARAMS, type PeopleParams } from './params.ts';
import { LibraryModels } from './person-models.ts';

export interface PlacementOutcome {
  assigned: number;
  new_people: number;
  unassigned: number;
  removed_people: number;
}

/**
 * The people engine of one catalogue. User decisions are constraints it never crosses: faces the user
 * placed (or left out) never move, rejections are cannot-links, people the user touched (named, made,
 * merged, hidden, favourited, corrected) keep every face they have and only grow by assignment.
 */
export class PeopleEngine {
  readonly params: PeopleParams;
  readonly #catalogue: Catalogue;
  readonly #models = new Map<LibraryId, LibraryModels>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(catalogue: Catalogue, params: PeopleParams = PEOPLE_PARAMS) {
    this.#catalogue = catalogue;
    this.params = params;
  }

  /** Run people-changing work one at a time, so an import's grouping never interleaves with a user's merge. */
  exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  models(libraryId: LibraryId): LibraryModels {
    let m = this.#models.get(libraryId);
    if (!m) this.#models.set(libraryId, (m = new LibraryModels(this.#catalogue, libraryId, this.params)));
    return m;
  }

  /** Throw a library's person models away and build them again from the catalogue (the face API's training). */
  rebuild(libraryId: LibraryId): number {
    this.#models.delete(libraryId);
    return this.models(libraryId).peopleCount;
  }

  /** A library is gone: forget its models. */
  forget(libraryId: LibraryId): void {
    this.#models.delete(libraryId);
  }

  /** Tell the engine these people's faces changed. */
  touched(libraryId: LibraryId, people: Iterable<PersonId | null | undefined>): void {
    this.#models.get(libraryId)?.markDirty(people);
  }

  /** After new faces arrive: assign them to people, then group what is left into new people. */
  async placeNewFaces(libraryId: LibraryId, only?: readonly FaceId[]): Promise<PlacementOutcome> {
    const before = this.#countUnplaced(libraryId);
    const touched = assignUnplaced(this.#catalogue, this.models(libraryId), libraryId, this.params, only);
    const groups = only ? [] : await groupUnplaced(this.#catalogue, libraryId, this.params);
    const created = this.#catalogue.tx(() => {
      const made: PersonId[] = [];
      for (const g of groups) made.push(this.#createAutoPerson(libraryId, g));
      this.#catalogue.people.fillMissingThumbnails(libraryId);
      return made;
    });
    this.touched(libraryId, [...touched, ...created]);
    const after = this.#countUnplaced(libraryId);
    return { assigned: before - after, new_people: created.length, unassigned: after, removed_people: 0 };
  }

  /**
   * Full re-cluster. People nobody touched are dissolved and every face that is not in a touched person
   * is placed again from scratch; a new group that is mostly an old untouched person keeps that
   * person's id, so covers and links stay stable.
   */
  async recluster(libraryId: LibraryId): Promise<PlacementOutcome> {
    const people = this.#catalogue.people;
    const kept = new Set(people.keptIds(libraryId));
    const untouched = (this.#catalogue.db.prepare('SELECT id FROM people WHERE library_id = ? AND merged_into IS NULL').pluck().all(libraryId) as PersonId[]).filter((p) => !kept.has(p));
    const formerly = new Map<FaceId, PersonId>();
    const stmt = this.#catalogue.db.prepare(`SELECT id FROM faces WHERE person_id = ? AND assignment = 'auto'`).pluck();
    for (const p of untouched) for (const f of stmt.all(p) as FaceId[]) formerly.set(f, p);
    this.#catalogue.tx(() => this.#catalogue.faces.releaseAuto(untouched));
    this.touched(libraryId, untouched);

    const touched = assignUnplaced(this.#catalogue, this.models(libraryId), libraryId, this.params);
    const groups = await groupUnplaced(this.#catalogue, libraryId, this.params);
    const outcome = this.#catalogue.tx(() => {
      const reused = new Set<PersonId>();
      let fresh = 0;
      for (const g of groups) {
        const heir = this.#heir(g, formerly, reused);
        if (heir) {
          reused.add(heir);
          for (const f of g) this.#catalogue.faces.setPerson(f, heir, 'auto');
        } else {
          reused.add(this.#createAutoPerson(libraryId, g));
          fresh++;
        }
      }
      const removed = people.deleteEmptyAuto(libraryId);
      people.fillMissingThumbnails(libraryId);
      return { new_people: fresh, removed_people: removed, reused };
    });
    this.touched(libraryId, [...touched, ...outcome.reused, ...untouched]);
    const unassigned = this.#countUnplaced(libraryId);
    return { assigned: this.#countPlacedAuto(libraryId), new_people: outcome.new_people, unassigned, removed_people: outcome.removed_people };
  }

  /** The old untouched person most of a group came from, if it was a majority and is not taken. */
  #heir(group: FaceId[], formerly: Map<FaceId, PersonId>, taken: Set<PersonId>): PersonId | null {
    const votes = new Map<PersonId, number>();
    for (const f of group) {
      const p = formerly.get(f);
      if (p) votes.set(p, (votes.get(p) ?? 0) + 1);
    }
    let best: PersonId | null = null;
    let most = 0;
    for (const [p, v] of votes) if (v > most && !taken.has(p)) [best, most] = [p, v];
    if (!best || most * 2 <= group.length) return null;
    // A face rejected from that person must not come back into it under its old id.
    return group.some((f) => this.#catalogue.rejections.has(f, best)) ? null : best;
  }

  #createAutoPerson(libraryId: LibraryId, faces: FaceId[]): PersonId {
    const person = this.#catalogue.people.create({ libraryId, source: 'auto', status: 'pending' });
    for (const f of faces) this.#catalogue.faces.setPerson(f, person, 'auto');
    return person;
  }

  #countUnplaced(libraryId: LibraryId): number {
    return this.#catalogue.db.prepare('SELECT COUNT(*) FROM faces WHERE library_id = ? AND person_id IS NULL AND embedding IS NOT NULL').pluck().get(libraryId) as number;
  }

  #countPlacedAuto(libraryId: LibraryId): number {
    return this.#catalogue.db.prepare(`SELECT COUNT(*) FROM faces WHERE library_id = ? AND assignment = 'auto'`).pluck().get(libraryId) as number;
  }
}
