import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { KindredError } from '../../../shared/errors.ts';
import { migrations, type Migration } from './migrations/index.ts';
import { installUnicodeLike } from './unicode-like.ts';
import { unwritableFolder } from '../storage-problem.ts';

export type Db = Database.Database;

/**
 * Statements prepared once per connection, by their SQL, for the ones an import runs for every photo
 * (preparing them each time was ~0.3 ms of main-thread time a photo). Each call site keeps its own
 * mode (pluck, raw): a statement's SQL is only ever used one way.
 */
export function preparedOnce(db: Db): (sql: string) => Database.Statement {
  const cache = new Map<string, Database.Statement>();
  return (sql) => {
    let stmt = cache.get(sql);
    if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
    return stmt;
  };
}

export function latestSchemaVersion(list: Migration[] = migrations): number {
  return list.reduce((max, m) => Math.max(max, m.version), 0);
}

/** Open (creating if needed) a catalogue file and bring its schema up to date. */
export function openDatabase(file: string, list: Migration[] = migrations): Db {
  // "unable to open database file" does not say that the folder is read-only; the folder does.
  const explain = (err: unknown): unknown => (file !== ':memory:' && unwritableFolder(dirname(file))) || err;
  let db: Db;
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    db = new Database(file);
  } catch (err) {
    throw explain(err);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536');
    // Name searches fold case in every script, not just ASCII ("émile" finds "Émile").
    installUnicodeLike(db);
    migrate(db, list);
    return db;
  } catch (err) {
    db.close();
    throw explain(err);
  }
}

export function migrate(db: Db, list: Migration[] = migrations): void {
  checkOrder(list);
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = latestSchemaVersion(list);
  if (current > latest) {
    throw new KindredError(
      'schema_too_new',
      `This catalogue uses schema version ${current}, but this version of Kindred understands up to ${latest}. ` +
        'It was written by a newer Kindred; update Kindred to open it (the catalogue has not been changed).',
    );
  }
  for (const m of list) {
    if (m.version <= current) continue;
    // Foreign keys cannot be toggled inside a transaction; migrations that rebuild tables rely on it being off.
    db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.up);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`migration ${m.version} (${m.name}) left ${broken.length} broken references`);
        db.pragma(`user_version = ${m.version}`);
      })();
    } finally {
      db.pragma('foreign_keys = ON');
    }
  }
}

function checkOrder(list: Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations must be numbered 1..n in order; found ${m.version} at position ${i + 1}`);
  });
}
