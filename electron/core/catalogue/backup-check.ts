import Database from 'better-sqlite3';
import { KindredError } from '../../../shared/errors.ts';
import { latestSchemaVersion } from './database.ts';

export interface BackupSummary {
  schema: number;
  libraries: number;
  assets: number;
  faces: number;
  people: number;
}

/** Is this file a Kindred catalogue this version can take? Read-only: the file is never changed. */
export function checkBackup(file: string): BackupSummary {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new KindredError('not_found', `No backup at ${file}.`);
  }
  try {
    const schema = db.pragma('user_version', { simple: true }) as number;
    const tables = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]);
    if (!['libraries', 'assets', 'faces', 'people', 'settings'].every((t) => tables.has(t))) {
      throw new KindredError('invalid_input', `${file} is not a Kindred catalogue backup (its tables are not Kindred's).`);
    }
    if (schema > latestSchemaVersion()) {
      throw new KindredError('schema_too_new', `${file} was written by a newer Kindred (schema ${schema}, this one knows up to ${latestSchemaVersion()}); update Kindred to restore it.`);
    }
    const ok = db.pragma('quick_check', { simple: true });
    if (ok !== 'ok') throw new KindredError('invalid_input', `${file} is damaged (${String(ok)}); nothing was restored.`);
    const count = (t: string) => db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number;
    return { schema, libraries: count('libraries'), assets: count('assets'), faces: count('faces'), people: count('people') };
  } catch (err) {
    if (err instanceof KindredError) throw err;
    throw new KindredError('invalid_input', `${file} is not a Kindred catalogue backup (${(err as Error).message}).`);
  } finally {
    db.close();
  }
}
