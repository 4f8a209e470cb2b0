import { KindredError } from '../../../shared/errors.ts';

/** Unwrap a lookup or fail with a not_found that names what was missing. */
export function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new KindredError('not_found', `No ${what}.`);
  return value;
}

