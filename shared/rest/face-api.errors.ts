import { KindredError, type ErrorCode, type FieldIssue } from '../errors.ts';

// The cloud face API answers errors as `{ error: { code, message } }` with its own codes
// (BadArgument, PersonGroupNotFound, …), which its SDKs surface to callers. Routes throw a
// FaceApiError where they know the cloud code; everything else maps from Kindred's code.

export const CLOUD_CODES = [
  'BadArgument',
  'InvalidImage',
  'InvalidImageSize',
  'PersonGroupNotFound',
  'LargePersonGroupNotFound',
  'PersonNotFound',
  'FaceNotFound',
  'PersistedFaceNotFound',
  'FaceListNotFound',
  'LargeFaceListNotFound',
  'SnapshotNotFound',
  'OperationNotFound',
  'PersonGroupExists',
  'LargePersonGroupExists',
  'FaceListExists',
  'LargeFaceListExists',
  'QuotaExceeded',
  'ConcurrentOperationConflict',
  'Unauthorized',
  'Forbidden',
  'NotFound',
  'Unspecified',
] as const;
export type CloudCode = (typeof CLOUD_CODES)[number];

export class FaceApiError extends KindredError {
  readonly cloudCode: CloudCode;
  constructor(code: ErrorCode, cloudCode: CloudCode, message: string, issues?: FieldIssue[]) {
    super(code, message, issues);
    this.name = 'FaceApiError';
    this.cloudCode = cloudCode;
  }
}

const BY_KINDRED_CODE: Partial<Record<ErrorCode, CloudCode>> = {
  invalid_input: 'BadArgument',
  out_of_bounds: 'BadArgument',
  unsupported: 'BadArgument',
  unauthorized: 'Unauthorized',
  forbidden: 'Forbidden',
  not_found: 'NotFound',
  conflict: 'ConcurrentOperationConflict',
};

export function cloudCodeOf(err: KindredError): CloudCode {
  return err instanceof FaceApiError ? err.cloudCode : (BY_KINDRED_CODE[err.code] ?? 'Unspecified');
}

/** Run an operation call, giving its not_found (and conflict) the cloud code of what the route was looking up. */
export async function asCloud<T>(work: Promise<T>, onMissing: CloudCode, onConflict?: CloudCode): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof KindredError && !(err instanceof FaceApiError)) {
      if (err.code === 'not_found') throw new FaceApiError('not_found', onMissing, err.message, err.issues);
      if (err.code === 'conflict' && onConflict) throw new FaceApiError('conflict', onConflict, err.message, err.issues);
    }
    throw err;
  }
}
