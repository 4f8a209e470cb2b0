import { z } from 'zod';

export const Timestamp = z.iso.datetime({ offset: true });
export const IsoDate = z.iso.date();

export const Page = z.object({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(5000).default(200),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int().min(0) });
}
