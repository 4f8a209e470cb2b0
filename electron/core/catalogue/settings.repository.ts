import type { z } from 'zod';
import type { Db } from './database.ts';

/** Small typed settings, one JSON value per key in the settings table. */
export class SettingsRepository {
  readonly #db: Db;
  constructor(db: Db) {
    this.#db = db;
  }

  /** The stored value if it still parses with the schema (a hand-edited or older value falls back), else the default. */
  read<T>(key: string, schema: z.ZodType<T>, fallback: T): T {
    const raw = this.#db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
    if (raw === undefined) return fallback;
    try {
      const parsed = schema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : fallback;
    } catch {
      return fallback;
    }
  }

  write(key: string, value: unknown): void {
    this.#db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
  }
}
