import type { ErrorCode } from '../../../shared/errors.ts';

/** How each contract error code reads over HTTP. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  out_of_bounds: 400,
  unknown_operation: 404,
  not_found: 404,
  conflict: 409,
  unsupported: 415,
  schema_too_new: 409,
  models_unavailable: 503,
  cancelled: 409,
  io_error: 500,
  unauthorized: 401,
  forbidden: 403,
  internal: 500,
};
