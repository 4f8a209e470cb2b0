import { z } from 'zod';

export const Timestamp = z.iso.datetime({ offset: true });
export const IsoDate = z.iso.date();

/** A path on the host, absolute on any platform (trusted hosts only take paths). */
export const absolutePath = (what: 'file' | 'folder') =>
  z
    .string()
    .min(1)
    .max(4096)
    .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), `must be an absolute ${what} path`);

export const Page = z.object({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(5000).default(200),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int().min(0) });
}

/**
 * Keyset paging beside offsets: items after (or before) an item of the same list, by id. Either
 * cursor, never both, and then no offset; has_more says whether the list goes on past the page in the
 * direction paged (after: further on; before: further back).
 */
export function cursorOf<T extends z.ZodType>(id: T) {
  return { after_id: id.optional(), before_id: id.optional() };
}

export const oneCursor = (v: { after_id?: unknown; before_id?: unknown; offset?: number }): boolean =>
  !(v.after_id !== undefined && v.before_id !== undefined) && !((v.after_id !== undefined || v.before_id !== undefined) && (v.offset ?? 0) > 0);

export const ONE_CURSOR = { message: 'give after_id or before_id (not both), and no offset with them', path: ['after_id'] };

export function cursorPageOf<T extends z.ZodType>(item: T) {
  return pageOf(item).extend({ has_more: z.boolean() });
}
