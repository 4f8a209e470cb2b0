import type { Person } from '../../../shared/domain/person.ts';
import type { PersonId } from '../../../shared/ids.ts';
import { client } from '../client/client.ts';
import { perform } from '../commands/undo.ts';
import { plural } from '../hooks.ts';

export type PersonPatch = Omit<Parameters<typeof client.invoke<'people.update'>>[1], 'person_id'>;

/** Change a person's fields, undoably: undo puts back exactly the fields that changed. */
export function updatePerson(p: Person, patch: PersonPatch, label: string): Promise<Person> {
  const before: PersonPatch = {};
  for (const k of Object.keys(patch) as Array<keyof PersonPatch>) (before as Record<string, unknown>)[k] = p[k as keyof Person] ?? null;
  return perform({ label, run: () => client.invoke('people.update', { person_id: p.id, ...patch }), undo: () => client.invoke('people.update', { person_id: p.id, ...before }) });
}

export function mergePeople(target: Person, sources: readonly PersonId[]): Promise<unknown> {
  return perform({
    label: `Merged ${plural(sources.length + 1, 'person', 'people')} into ${target.name ?? 'one person'}`,
    run: () => client.invoke('people.merge', { target_person_id: target.id, source_person_ids: [...sources] }),
    undo: async (out) => {
      for (const m of [...out.merges].reverse()) await client.invoke('people.unmerge', { merge_id: m.id });
    },
  });
}
