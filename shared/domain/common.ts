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
