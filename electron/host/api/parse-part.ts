import type { z } from 'zod';
import { KindredError, issuesFromZod } from '../../../shared/errors.ts';

/** Parse one part of a request with its schema; field errors name the part (`body.bounding_box.w`). */
export function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, part: 'path' | 'query' | 'body'): T {
  if (!schema) return (part === 'body' ? undefined : {}) as T;
  const parsed = schema.safeParse(value ?? (part === 'body' ? undefined : {}));
  if (parsed.success) return parsed.data;
  const issues = issuesFromZod(parsed.error).map((i) => ({ path: i.path === '(root)' ? part : `${part}.${i.path}`, message: i.message }));
  const status = part === 'path' ? 'not_found' : 'invalid_input';
  // A malformed id in the path names nothing that exists: 404, like an id that is well-formed but unknown.
  const first = issues[0]!;
  return fail(status, part === 'path' ? `No such resource: ${first.path} is not a valid id.` : `Invalid ${part}: ${first.path}: ${first.message}`, issues);
}

function fail(code: 'not_found' | 'invalid_input', message: string, issues: Array<{ path: string; message: string }>): never {
  throw new KindredError(code, message, issues);
}
