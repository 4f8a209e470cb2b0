import type { Catalogue } from '../catalogue/catalogue.ts';
import type { FaceId, LibraryId, PersonId } from '../../../shared/ids.ts';
import { PEOPLE_PARAMS, type PeopleParams } from './params.ts';
import { LibraryModels } from './person-models.ts';
import { planJoins, planPlacement, type PlacementPlan } from './placement.ts';

/** A re-cluster worked out but not yet written. */
export interface ReclusterPlan {
  libraryId: LibraryId;
  /** Untouched people whose automatic faces are placed again. */
  dissolved: PersonId[];
  /** Which dissolved person each face came from: a new group that is mostly one of them keeps its id. */
  formerly: Map<FaceId, PersonId>;
  placement: PlacementPlan;
}

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
 *
 * Placing faces is planned first, with nothing written, then written in one transaction: a crash at any
 * moment leaves the catalogue as it was before or as it is after, never half re-clustered.
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

  /**
   * Throw a library's person models away and build them again from the catalogue (the face API's
   * training), in turn with other people work.
   */
  retrain(libraryId: LibraryId): Promise<number> {
    return this.exclusive(() => {
      this.#models.delete(libraryId);
      return this.models(libraryId).peopleCount;
    });
  }

  /** A library is gone: forget its models. */
  forget(libraryId: LibraryId): void {
    this.#models.delete(libraryId);
  }

  /** The catalogue was swapped for another file (a restore): every model describes people of the old one. */
  forgetAll(): void {
    this.#models.clear();
  }

  /** Tell the engine these people's faces changed. */
  touched(libraryId: LibraryId, people: Iterable<PersonId | null | undefined>): void {
    this.#models.get(libraryId)?.markDirty(people);
  }

  /** After new faces arrive: assign them to people, then group what is left into new people. */
  async placeNewFaces(libraryId: LibraryId, only?: readonly FaceId[]): Promise<PlacementOutcome> {
    const dim = this.params.embeddingDim;
    const pool = this.#catalogue.faces.embeddings(libraryId, dim, only ? { unplaced: true, faceIds: only } : { unplaced: true });
    const before = this.#catalogue.faces.countUnplaced(libraryId);
    if (pool.ids.length === 0) return { assigned: 0, new_people: 0, unassigned: before, removed_people: 0 };
    const plan = await planPlacement({ catalogue: this.#catalogue, libraryId, params: this.params, models: this.models(libraryId), pool, group: !only });
    const written = this.#catalogue.tx(() => this.#write(libraryId, plan, new Map()));
    this.touched(libraryId, written.touched);
    const after = this.#catalogue.faces.countUnplaced(libraryId);
    return { assigned: before - after, new_people: written.fresh, unassigned: after, removed_people: written.removed };
  }

  /**
   * These new faces join known people if they clearly are someone (no grouping): synchronous, to run
   * inside the caller's transaction. Returns the people that grew.
   */
  assignNow(libraryId: LibraryId, only: readonly FaceId[]): Set<PersonId> {
    const pool = this.#catalogue.faces.embeddings(libraryId, this.params.embeddingDim, { unplaced: true, faceIds: only });
    if (pool.ids.length === 0) return new Set();
    const plan = planJoins({ catalogue: this.#catalogue, libraryId, params: this.params, models: this.models(libraryId), pool, group: false });
    return this.#write(libraryId, plan, new Map()).touched;
  }

  /**
   * Full re-cluster. People nobody touched are dissolved and every face that is not in a touched person
   * is placed again from scratch; a new group that is mostly an old untouched person keeps that
   * person's id, so covers and links stay stable. All of it is one transaction.
   */
  async recluster(libraryId: LibraryId): Promise<PlacementOutcome> {
    const plan = await this.planRecluster(libraryId);
    return this.#catalogue.tx(() => this.writeRecluster(plan));
  }

  /** The slow half of a re-cluster: reads only, so it can run before the transaction opens. */
  async planRecluster(libraryId: LibraryId): Promise<ReclusterPlan> {
    const people = this.#catalogue.people;
    const kept = new Set(people.keptIds(libraryId));
    const dissolved = people.liveIds(libraryId).filter((p) => !kept.has(p));
    const pool = this.#catalogue.faces.embeddings(libraryId, this.params.embeddingDim, { unplaced: true, orAutoIn: dissolved });
    const formerly = new Map<FaceId, PersonId>();
    pool.ids.forEach((f, i) => {
      const p = pool.personIds[i];
      if (p) formerly.set(f, p);
    });
    const models = new LibraryModels(this.#catalogue, libraryId, this.params, { exclude: new Set(dissolved) });
    const placement = await planPlacement({ catalogue: this.#catalogue, libraryId, params: this.params, models, pool, group: true, dissolved: new Set(dissolved) });
    return { libraryId, dissolved, formerly, placement };
  }

  /** The quick half: writes a planned re-cluster. Call inside a transaction. */
  writeRecluster({ libraryId, dissolved, formerly, placement }: ReclusterPlan): PlacementOutcome {
    this.#catalogue.faces.releaseAuto(dissolved);
    const written = this.#write(libraryId, placement, formerly);
    // Every person's faces may have changed: the models are rebuilt when next asked for.
    this.#models.delete(libraryId);
    return { assigned: this.#catalogue.faces.countPlacedAuto(libraryId), new_people: written.fresh, unassigned: this.#catalogue.faces.countUnplaced(libraryId), removed_people: written.removed };
  }

  /** Write a plan; call inside a transaction. New groups reuse the id of the old person most of them came from. */
  #write(libraryId: LibraryId, plan: PlacementPlan, formerly: Map<FaceId, PersonId>): { touched: Set<PersonId>; fresh: number; removed: number } {
    const faces = this.#catalogue.faces;
    const now = Date.now();
    const touched = new Set<PersonId>();
    for (const [face, person] of plan.joins) if (faces.placeAuto(face, person, now)) touched.add(person);
    let fresh = 0;
    for (const g of plan.groups) {
      let person = this.#heir(g, formerly, touched);
      if (!person) {
        person = this.#catalogue.people.create({ libraryId, source: 'auto', status: 'pending' }, now);
        fresh++;
      }
      touched.add(person);
      for (const f of g) faces.placeAuto(f, person, now);
    }
    const removed = this.#catalogue.people.deleteEmptyAuto(libraryId);
    this.#catalogue.people.fillMissingThumbnails(libraryId);
    return { touched, fresh, removed };
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
}
