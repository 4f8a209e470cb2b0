import type { Db } from './database.ts';

// SQLite's own LIKE folds case for ASCII only, so a search for "émile" misses "Émile" and "ö" misses
// "Ö". SQLite lets an application replace like(); this one folds case for every script (and treats
// composed and decomposed accents alike), keeping LIKE's meaning otherwise: % is any run, _ is one
// character, ESCAPE makes the next character literal. Names are short and people few, so a regexp
// per distinct pattern costs nothing next to the query.

const cache = new Map<string, RegExp>();
const CACHE_MAX = 64;

const quote = (c: string): string => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The regexp a LIKE pattern means (anchored, Unicode, case-insensitive). */
export function likePattern(pattern: string, escape: string | null = null): RegExp {
  const key = `${escape ?? ''}\u0000${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let src = '';
  const chars = [...pattern.normalize('NFC')];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (escape !== null && c === escape) src += quote(chars[++i] ?? '');
    else if (c === '%') src += '.*';
    else if (c === '_') src += '.';
    else src += quote(c);
  }
  const re = new RegExp(`^${src}$`, 'isu');
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, re);
  return re;
}

export function unicodeLike(pattern: unknown, value: unknown, escape: unknown = null): 0 | 1 | null {
  if (pattern === null || value === null) return null;
  const esc = typeof escape === 'string' ? escape : null;
  return likePattern(String(pattern), esc).test(String(value).normalize('NFC')) ? 1 : 0;
}

/** Replace LIKE on this connection (both the two- and three-argument forms SQLite calls). */
export function installUnicodeLike(db: Db): void {
  db.function('like', { deterministic: true, varargs: true }, (pattern: unknown, value: unknown, escape: unknown) => unicodeLike(pattern, value, escape ?? null));
}

/** A LIKE pattern that matches `text` exactly (case aside), for `… LIKE ? ESCAPE '\'`. */
export const exactLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
