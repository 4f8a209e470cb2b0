/** How a caller pages a list: by offset, or after / before the id of an item it already has. */
export interface Paging<Id extends string = string> {
  offset: number;
  limit: number;
  afterId?: Id | undefined;
  beforeId?: Id | undefined;
}

export interface CursorPage<T> {
  items: T[];
  total: number;
  has_more: boolean;
}

/** A cursor that names no item of the list: the caller's mistake, reported by the operation. */
export const UNKNOWN_CURSOR = Symbol('unknown cursor');

/** Rows were fetched limit+1 deep in the paging direction: the page in list order, and whether the list goes on that way. */
export function settle<T>(rows: T[], p: Paging, total: number): CursorPage<T> {
  if (p.afterId === undefined && p.beforeId === undefined) return { items: rows, total, has_more: p.offset + rows.length < total };
  const has_more = rows.length > p.limit;
  const page = rows.slice(0, p.limit);
  return { items: p.beforeId !== undefined ? page.reverse() : page, total, has_more };
}
