import { z } from 'zod';
import { Job } from './domain/job.ts';
import { LibraryId } from './ids.ts';
import { ApiSettings, ApiStatus } from './domain/api-key.ts';

export const CatalogueTopic = z.enum(['libraries', 'assets', 'faces', 'people']);
export type CatalogueTopic = z.infer<typeof CatalogueTopic>;

/** Every event the core emits, declared once: hosts forward these, clients subscribe by name. */
export const events = {
  /** Import progress, throttled to a few per second. */
  'job.progress': Job,
  /** A job reached done, failed or cancelled. */
  'job.finished': Job,
  /** Something the UI shows changed; it refetches what it needs. */
  'catalogue.changed': z.object({ library_id: LibraryId.nullable(), topics: z.array(CatalogueTopic) }),
  /** The user changed where (or whether) the local REST API is served. */
  'settings.changed': z.object({ api: ApiSettings }),
  /** The desktop app's API server started, stopped or failed (a port in use, say). */
  'api.status': ApiStatus,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
