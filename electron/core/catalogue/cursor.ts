import { KindredError } from '../../../shared/errors.ts';

/** Paging after / before the id of an item the caller already has (else by offset). */
export interface Cursor<Id extends string = string> {
  afterId?: Id | undefined;
  beforeId?: Id | undefined;
}

interface Paging extends Cursor {
  offset: number;
  limit: number;
}

export interface CursorPage<T> {
  items: T[];
  total: number;
  has_more: boolean;
}

/** A cursor that names no item of the list (its filters included): the caller's mistake. */
export function unknownCursor(what: string, c: Cursor): KindredError {
  const [field, id] = c.afterId !== undefined ? ['after_id', c.afterId] : ['before_id', c.beforeId];
  return new KindredError('invalid_input', `The cursor ${id} names no ${what} of this list (filters included).`, [{ path: field, message: `not a ${what} of this list` }]);
}

/** Rows were fetched limit+1 deep in the paging direction: the page in list order, and whether the list goes on that way. */
export function settle<T>(rows: T[], p: Paging, total: number): CursorPage<T> {
  if (p.afterId === undefined && p.beforeId === undefined) return { items: rows, total, has_more: p.offset + rows.length < total };
  const has_more = rows.length > p.limit;
  const page = rows.slice(0, p.limit);
  return { items: p.beforeId !== undefined ? page.reverse() : page, total, has_more };
}
