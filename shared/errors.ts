import { z } from 'zod';
import { PersonId } from './ids.ts';

export const ERROR_CODES = [
  'invalid_input',
  'unknown_operation',
  'not_found',
  'conflict',
  'out_of_bounds',
  'unsupported',
  'schema_too_new',
  'models_unavailable',
  'cancelled',
  'io_error',
  'unauthorized',
  'forbidden',
  'internal',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

/**
 * How each code reads over HTTP, for every server and client. Where several codes share a status, the
 * first listed is what a bare status means to a client (statusToCode).
 */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  invalid_input: 400,
  out_of_bounds: 400,
  not_found: 404,
  unknown_operation: 404,
  conflict: 409,
  schema_too_new: 409,
  cancelled: 409,
  unsupported: 415,
  models_unavailable: 503,
  unauthorized: 401,
  forbidden: 403,
  internal: 500,
  io_error: 500,
};

/** The code a status stands for when a reply carries no Kindred error body. */
export function statusToCode(status: number): ErrorCode {
  for (const [code, s] of Object.entries(HTTP_STATUS)) if (s === status) return code as ErrorCode;
  return 'internal';
}

export const FieldIssue = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssue>;

/** The other person a conflict is about (renaming to a name someone has): the UI offers "Merge with X?". */
export const ExistingPerson = z.object({ id: PersonId, name: z.string() });
export type ExistingPerson = z.infer<typeof ExistingPerson>;

/** What every host sends back on failure: a stable code, one clear sentence, field errors if any. */
export const ErrorPayload = z.object({
  code: ErrorCode,
  message: z.string(),
  issues: z.array(FieldIssue).optional(),
  existing_person: ExistingPerson.optional(),
});
export type ErrorPayload = z.infer<typeof ErrorPayload>;

export class KindredError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[] | undefined;
  readonly existingPerson: ExistingPerson | undefined;

  constructor(code: ErrorCode, message: string, issues?: FieldIssue[], extra?: { existingPerson?: ExistingPerson }) {
    super(message);
    this.name = 'KindredError';
    this.code = code;
    this.issues = issues;
    this.existingPerson = extra?.existingPerson;
  }

  toPayload(): ErrorPayload {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.existingPerson ? { existing_person: this.existingPerson } : {}),
    };
  }

  static fromPayload(p: ErrorPayload): KindredError {
    return new KindredError(p.code, p.message, p.issues, p.existing_person ? { existingPerson: p.existing_person } : undefined);
  }
}

export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
}

export function invalidInput(what: string, error: z.ZodError): KindredError {
  const issues = issuesFromZod(error);
  const first = issues[0];
  const detail = first ? `${first.path}: ${first.message}` : 'invalid';
  return new KindredError('invalid_input', `Invalid input for ${what}: ${detail}`, issues);
}
