import type { Db } from './database.ts';
import type { Folder } from '../../../shared/domain/library.ts';
import type { FolderId, LibraryId } from '../../../shared/ids.ts';
import { newId } from '../ids.ts';
import { iso } from './time.ts';

interface FolderRow {
  id: FolderId;
  library_id: LibraryId;
  path: string;
  added_at: number;
}

export class FolderRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  /** The folder row for a path, created on first import. */
  ensure(libraryId: LibraryId, path: string, now = Date.now()): Folder {
    this.#db
      .prepare('INSERT INTO folders (id, library_id, path, added_at) VALUES (?, ?, ?, ?) ON CONFLICT (library_id, path) DO NOTHING')
      .run(newId('folder', now), libraryId, path, now);
    const row = this.#db.prepare('SELECT * FROM folders WHERE library_id = ? AND path = ?').get(libraryId, path) as FolderRow;
    return toFolder(row);
  }

  get(id: FolderId): Folder | undefined {
    const row = this.#db.prepare('SELECT * FROM folders WHERE id = ?').get(id) as FolderRow | undefined;
    return row && toFolder(row);
  }

  /** The device the folder was on at its last scan (null before the first). */
  device(id: FolderId): number | null {
    return (this.#db.prepare('SELECT device FROM folders WHERE id = ?').pluck().get(id) as number | null | undefined) ?? null;
  }

  setDevice(id: FolderId, device: number): void {
    this.#db.prepare('UPDATE folders SET device = ? WHERE id = ?').run(device, id);
  }

  list(libraryId: LibraryId): Folder[] {
    return (this.#db.prepare('SELECT * FROM folders WHERE library_id = ? ORDER BY path').all(libraryId) as FolderRow[]).map(toFolder);
  }
}

function toFolder(r: FolderRow): Folder {
  return { id: r.id, library_id: r.library_id, path: r.path, added_at: iso(r.added_at) };
}
