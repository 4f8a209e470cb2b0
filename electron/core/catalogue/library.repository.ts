import type { Db } from './database.ts';
import type { Library } from '../../../shared/domain/library.ts';
import type { LibraryId } from '../../../shared/ids.ts';
import { newId } from '../ids.ts';
import { iso } from './time.ts';

interface LibraryRow {
  id: LibraryId;
  name: string;
  created_at: number;
  asset_count: number;
  face_count: number;
  people_count: number;
}

const SELECT = `
  SELECT l.id, l.name, l.created_at,
    (SELECT COUNT(*) FROM assets a WHERE a.library_id = l.id AND a.status = 'done' AND a.presence != 'missing') AS asset_count,
    (SELECT COUNT(*) FROM faces f WHERE f.library_id = l.id) AS face_count,
    (SELECT COUNT(*) FROM people p WHERE p.library_id = l.id AND p.merged_into IS NULL) AS people_count
  FROM libraries l`;

export class LibraryRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  create(name: string, now = Date.now()): Library {
    const id = newId('library', now);
    this.#db.prepare('INSERT INTO libraries (id, name, created_at) VALUES (?, ?, ?)').run(id, name, now);
    return this.get(id)!;
  }

  get(id: LibraryId): Library | undefined {
    const row = this.#db.prepare(`${SELECT} WHERE l.id = ?`).get(id) as LibraryRow | undefined;
    return row && toLibrary(row);
  }

  findByName(name: string): Library | undefined {
    const row = this.#db.prepare(`${SELECT} WHERE l.name = ?`).get(name) as LibraryRow | undefined;
    return row && toLibrary(row);
  }

  rename(id: LibraryId, name: string): void {
    this.#db.prepare('UPDATE libraries SET name = ? WHERE id = ?').run(name, id);
  }

  /** Delete a library and, by cascade, everything in it. */
  delete(id: LibraryId): void {
    this.#db.prepare('DELETE FROM libraries WHERE id = ?').run(id);
  }

  list(): Library[] {
    return (this.#db.prepare(`${SELECT} ORDER BY l.created_at`).all() as LibraryRow[]).map(toLibrary);
  }

  ids(): LibraryId[] {
    return this.#db.prepare('SELECT id FROM libraries ORDER BY created_at').pluck().all() as LibraryId[];
  }
}

function toLibrary(r: LibraryRow): Library {
  return {
    id: r.id,
    name: r.name,
    created_at: iso(r.created_at),
    asset_count: r.asset_count,
    face_count: r.face_count,
    people_count: r.people_count,
  };
}
