// Everything a catalogue holds, as one comparable value, for the fault harness: every table and
// column (so a table added later is covered without a word here), timestamps reduced to whether they
// are set, and ids minted after `known` replaced by labels that two runs of the same work share.
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

export type CatalogueState = Record<string, string[]>;

/** Columns whose value differs between two runs of the same work by nature: the clock, secrets, bookkeeping. */
const VOLATILE = new Set(['jobs.progress', 'api_keys.prefix', 'api_keys.secret_hash', 'api_keys.last_used_at']);
/** Kindred's ids: a kind, then 26 Crockford base32 characters (electron/core/ids.ts). */
const ID = /\b[a-z]+_[0-9a-hjkmnp-tv-z]{26}\b/g;

function cell(table: string, column: string, value: unknown): unknown {
  if (VOLATILE.has(`${table}.${column}`)) return '~';
  if (/_at$/.test(column)) return value === null ? null : 'set';
  if (Buffer.isBuffer(value)) return `blob:${createHash('sha1').update(value).digest('hex').slice(0, 12)}`;
  if (typeof value === 'number' && !Number.isInteger(value)) return Math.round(value * 1000) / 1000;
  if (typeof value === 'string' && value.startsWith('{')) return value.replace(/"(\w*_at|at|time|timestamp)":\s*\d+/g, '"$1":"set"');
  return value;
}

/** Every row of every table, one JSON line per row, sorted; ids not in `known` relabelled. */
function rows(db: Database.Database): Record<string, string[]> {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  const raw: Record<string, string[]> = {};
  for (const t of tables) {
    raw[t] = (db.prepare(`SELECT * FROM "${t}"`).all() as Array<Record<string, unknown>>).map((row) =>
      JSON.stringify(Object.fromEntries(Object.entries(row).map(([c, v]) => [c, cell(t, c, v)]))),
    );
  }
  return raw;
}

export function catalogueState(db: Database.Database, known: ReadonlySet<string> = new Set()): CatalogueState {
  const raw = rows(db);
  const tables = Object.keys(raw);
  // New ids get labels in the order they first appear once every new id is masked, so the same work
  // done twice (with different random ids) reads the same.
  const masked = (line: string) => line.replace(ID, (id) => (known.has(id) ? id : 'NEW'));
  const labels = new Map<string, string>();
  for (const t of tables) {
    for (const line of [...raw[t]!].sort((a, b) => (masked(a) < masked(b) ? -1 : masked(a) > masked(b) ? 1 : 0))) {
      for (const id of line.match(ID) ?? []) if (!known.has(id) && !labels.has(id)) labels.set(id, `${id.slice(0, id.indexOf('_'))}#${labels.size + 1}`);
    }
  }
  const state: CatalogueState = {};
  for (const t of tables) state[t] = raw[t]!.map((line) => line.replace(ID, (id) => labels.get(id) ?? id)).sort();
  return state;
}

/** The ids a catalogue holds now: what later states must keep as they are. */
export function catalogueIds(db: Database.Database): Set<string> {
  const ids = new Set<string>();
  for (const lines of Object.values(rows(db))) for (const line of lines) for (const id of line.match(ID) ?? []) ids.add(id);
  return ids;
}
