import { ErrorPayload, KindredError } from '../../../shared/errors.ts';

/** Whatever a transport rejected with, as a KindredError with a stable code. */
export function asKindredError(e: unknown, fallback = 'The operation failed.'): KindredError {
  if (e instanceof KindredError) return e;
  const payload = ErrorPayload.safeParse(e);
  if (payload.success) return KindredError.fromPayload(payload.data);
  const message = e instanceof Error ? e.message : typeof e === 'string' ? e : fallback;
  return new KindredError('internal', message);
}
