import { KindredError } from '../../../shared/errors.ts';
import { UNKNOWN_CURSOR } from '../catalogue/cursor.ts';

/** Unwrap a lookup or fail with a not_found that names what was missing. */
export function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new KindredError('not_found', `No ${what}.`);
  return value;
}

/** Unwrap a cursor page, or fail: the cursor names no item of the list being paged. */
export function knownCursor<T>(page: T | typeof UNKNOWN_CURSOR, what: string, cursor: string | undefined): T {
  if (page === UNKNOWN_CURSOR) {
    throw new KindredError('invalid_input', `The cursor ${cursor} names no ${what} of this list (filters included).`, [{ path: 'after_id', message: `not a ${what} of this list` }]);
  }
  return page;
}
