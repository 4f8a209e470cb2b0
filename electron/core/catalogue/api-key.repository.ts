import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './database.ts';
import type { ApiKey } from '../../../shared/domain/api-key.ts';
import type { ApiKeyId, LibraryId } from '../../../shared/ids.ts';
import { newId } from '../ids.ts';
import { iso, isoOrNull } from './time.ts';

interface ApiKeyRow {
  id: ApiKeyId;
  name: string;
  prefix: string;
  library_id: LibraryId | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

const COLUMNS = 'id, name, prefix, library_id, created_at, last_used_at, revoked_at';
/** `kdk_` marks a Kindred key in logs and secret scanners; 32 random bytes make it unguessable. */
const SECRET_PREFIX = 'kdk_';
/** Writing last_used_at on every request would turn reads into writes; once a minute is enough to be useful. */
const TOUCH_EVERY_MS = 60_000;

const hashOf = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export class ApiKeyRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  create(name: string, libraryId: LibraryId | null, now = Date.now()): { key: ApiKey; secret: string } {
    const id = newId('apikey', now);
    const secret = SECRET_PREFIX + randomBytes(32).toString('base64url');
    const prefix = secret.slice(0, SECRET_PREFIX.length + 6);
    this.#db
      .prepare('INSERT INTO api_keys (id, name, prefix, secret_hash, library_id, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, name, prefix, hashOf(secret), libraryId, now);
    return { key: this.get(id)!, secret };
  }

  get(id: ApiKeyId): ApiKey | undefined {
    const row = this.#db.prepare(`SELECT ${COLUMNS} FROM api_keys WHERE id = ?`).get(id) as ApiKeyRow | undefined;
    return row && toKey(row);
  }

  list(includeRevoked: boolean): ApiKey[] {
    const rows = this.#db
      .prepare(`SELECT ${COLUMNS} FROM api_keys ${includeRevoked ? '' : 'WHERE revoked_at IS NULL'} ORDER BY created_at DESC, id DESC`)
      .all() as ApiKeyRow[];
    return rows.map(toKey);
  }

  revoke(id: ApiKeyId, now = Date.now()): void {
    this.#db.prepare('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?').run(now, id);
  }

  /**
   * The live key a secret belongs to, or undefined. Looked up by hash (an index, not a comparison of
   * secrets), so timing says nothing about how much of a guess was right.
   */
  verify(secret: string, now = Date.now()): ApiKey | undefined {
    if (!secret.startsWith(SECRET_PREFIX) || secret.length > 200) return undefined;
    const row = this.#db.prepare(`SELECT ${COLUMNS} FROM api_keys WHERE secret_hash = ? AND revoked_at IS NULL`).get(hashOf(secret)) as ApiKeyRow | undefined;
    if (!row) return undefined;
    if (row.last_used_at === null || now - row.last_used_at > TOUCH_EVERY_MS) {
      this.#db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?').run(now, row.id);
      row.last_used_at = now;
    }
    return toKey(row);
  }
}

function toKey(r: ApiKeyRow): ApiKey {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    library_id: r.library_id,
    created_at: iso(r.created_at),
    last_used_at: isoOrNull(r.last_used_at),
    revoked_at: isoOrNull(r.revoked_at),
  };
}
