import type { Db } from './database.ts';
import type { LibraryId, PersonId } from '../../../shared/ids.ts';

/**
 * "These two are not the same person": a cannot-link between people, stored once per pair. A person
 * merged away speaks through the person it lives on in, so the pair is read through merges.
 */
export class PersonRejectionRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  add(a: PersonId, b: PersonId, now = Date.now()): void {
    const [x, y] = a < b ? [a, b] : [b, a];
    this.#db.prepare('INSERT OR IGNORE INTO person_rejections (person_id, other_person_id, created_at) VALUES (?, ?, ?)').run(x, y, now);
  }

  /** Every rejected pair of a library's live people, as `a|b` keys with a < b. */
  forLibrary(libraryId: LibraryId): Set<string> {
    const rows = this.#db
      .prepare(`WITH RECURSIVE live(id, now) AS (
          SELECT id, id FROM people WHERE library_id = ?
          UNION ALL SELECT live.id, p.merged_into FROM live JOIN people p ON p.id = live.now WHERE p.merged_into IS NOT NULL),
        resolved AS (SELECT l.id, l.now FROM live l JOIN people p ON p.id = l.now WHERE p.merged_into IS NULL)
        SELECT a.now, b.now FROM person_rejections r JOIN resolved a ON a.id = r.person_id JOIN resolved b ON b.id = r.other_person_id`)
      .raw()
      .all(libraryId) as Array<[PersonId, PersonId]>;
    return new Set(rows.filter(([a, b]) => a !== b).map(([a, b]) => pairKey(a, b)));
  }
}

export const pairKey = (a: PersonId, b: PersonId): string => (a < b ? `${a}|${b}` : `${b}|${a}`);
