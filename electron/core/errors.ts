import { KindredError } from '../../shared/errors.ts';
import { asStorageProblem } from './storage-problem.ts';

/** Anything thrown inside the core becomes a KindredError with a stable code before it leaves. */
export function toKindredError(err: unknown): KindredError {
  if (err instanceof KindredError) return err;
  const e = err as { code?: unknown; message?: unknown; name?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (e?.name === 'ModelsUnavailableError') return new KindredError('models_unavailable', message);
  if (typeof e?.code === 'string' && e.code.startsWith('SQLITE_CONSTRAINT')) return new KindredError('conflict', message);
  // The catalogue's disk is full or read-only: one sentence that says what to do, not SQLite's words.
  if (typeof e?.code === 'string' && (e.code.startsWith('SQLITE_') || ['ENOSPC', 'EDQUOT', 'EROFS', 'EIO'].includes(e.code))) {
    const problem = asStorageProblem(err);
    if (problem) return problem;
  }
  if (typeof e?.code === 'string' && ['ENOENT', 'EACCES', 'EPERM', 'ENOSPC', 'EROFS'].includes(e.code)) return new KindredError('io_error', message);
  return new KindredError('internal', message);
}
