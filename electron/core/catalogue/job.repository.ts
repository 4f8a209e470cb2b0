import { Where } from './where.ts';
import type { Db } from './database.ts';
import type { ImportProgress, Job, JobState } from '../../../shared/domain/job.ts';
import type { FolderId, JobId, LibraryId } from '../../../shared/ids.ts';
import { newId } from '../ids.ts';
import { iso } from './time.ts';

export interface ImportPayload {
  paths: string[];
  folderIds: FolderId[];
}

interface JobRow {
  id: JobId;
  kind: 'import';
  library_id: LibraryId;
  state: JobState;
  payload: string;
  progress: string;
  error: string | null;
  created_at: number;
  updated_at: number;
}

export const ACTIVE_STATES: JobState[] = ['queued', 'running', 'paused'];

export function emptyProgress(): ImportProgress {
  return { phase: 'scanning', files_found: 0, files_done: 0, files_skipped: 0, duplicates: 0, faces: 0, rate: null, eta_seconds: null };
}

export class JobRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  createImport(libraryId: LibraryId, payload: ImportPayload, now = Date.now()): Job {
    const id = newId('job', now);
    this.#db
      .prepare(`INSERT INTO jobs (id, kind, library_id, state, payload, progress, created_at, updated_at) VALUES (?, 'import', ?, 'queued', ?, ?, ?, ?)`)
      .run(id, libraryId, JSON.stringify(payload), JSON.stringify(emptyProgress()), now, now);
    return this.get(id)!;
  }

  get(id: JobId): Job | undefined {
    const row = this.#db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row && toJob(row);
  }

  payload(id: JobId): ImportPayload | undefined {
    const raw = this.#db.prepare('SELECT payload FROM jobs WHERE id = ?').pluck().get(id) as string | undefined;
    return raw === undefined ? undefined : (JSON.parse(raw) as ImportPayload);
  }

  list(opts: { active: boolean; libraryId?: LibraryId | undefined }): Job[] {
    const where = new Where();
    if (opts.active) where.add(`state IN ('queued', 'running', 'paused')`);
    if (opts.libraryId) where.add('library_id = ?', opts.libraryId);
    return (this.#db.prepare(`SELECT * FROM jobs ${where} ORDER BY created_at DESC LIMIT 200`).all(...where.params) as JobRow[]).map(toJob);
  }

  /** An unfinished import of exactly these folders into this library, to resume instead of repeating. */
  findUnfinishedImport(libraryId: LibraryId, folderIds: FolderId[]): Job | undefined {
    const wanted = [...folderIds].sort().join('\n');
    const rows = this.#db
      .prepare(`SELECT * FROM jobs WHERE library_id = ? AND kind = 'import' AND state IN ('queued', 'running', 'paused') ORDER BY created_at`)
      .all(libraryId) as JobRow[];
    const row = rows.find((r) => [...(JSON.parse(r.payload) as ImportPayload).folderIds].sort().join('\n') === wanted);
    return row && toJob(row);
  }

  /** Jobs that were running when the process died. */
  interrupted(): Job[] {
    return (this.#db.prepare(`SELECT * FROM jobs WHERE state IN ('queued', 'running') ORDER BY created_at`).all() as JobRow[]).map(toJob);
  }

  setState(id: JobId, state: JobState, error: string | null = null, now = Date.now()): void {
    this.#db.prepare('UPDATE jobs SET state = ?, error = ?, updated_at = ? WHERE id = ?').run(state, error, now, id);
  }

  setProgress(id: JobId, progress: ImportProgress, now = Date.now()): void {
    this.#db.prepare('UPDATE jobs SET progress = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(progress), now, id);
  }
}

function toJob(r: JobRow): Job {
  return {
    id: r.id,
    kind: r.kind,
    library_id: r.library_id,
    state: r.state,
    paths: (JSON.parse(r.payload) as ImportPayload).paths,
    progress: JSON.parse(r.progress) as ImportProgress,
    error: r.error,
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
  };
}
