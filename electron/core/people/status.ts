import type { Person } from '../../../shared/domain/person.ts';

/**
 * The identity API's status, derived honestly: hidden people are inactive; people the user named or
 * made are confirmed; unnamed groups the engine made are pending until someone looks at them.
 */
export function statusOf(p: { name: string | null; source: Person['source']; is_hidden: boolean }): Person['status'] {
  if (p.is_hidden) return 'inactive';
  return p.name !== null || p.source !== 'auto' ? 'confirmed' : 'pending';
}
